import { describe, expect, it } from 'vitest';
import { clockAt } from '../../test/support/in-memory.js';
import { ValidationError } from '../platform/errors.js';
import { CaseSlaSchema, RecoverySurveySchema } from './case.js';
import type { CaseStatsDay } from './case-stats.js';
import type { CaseStats } from './ports.js';
import { answerCaseStatsQuery, type CaseStatsDeps, COUNTED_ON } from './read-case-stats.js';

const NONE = { acknowledgeSecondsHigh: [], acknowledgeSecondsMedium: [], resolveSeconds: [] };

/** Stored days, as the store would answer them, and the ranges the read asked for. */
const storedDays = (days: CaseStatsDay[]) => {
  const asked: [string | null, string, string][] = [];
  const caseStats: CaseStats = {
    range: async (team, from, to) => {
      asked.push([team, from, to]);
      return days;
    },
    waitingForNextAnswer: async () => [],
    countNextAnswer: async () => false,
    countRecoveryAnswer: async () => false,
    countRecoveryChange: async () => false,
  };
  return { caseStats, asked };
};

const depsOver = (caseStats: CaseStats, overrides: Partial<CaseStatsDeps> = {}): CaseStatsDeps => ({
  caseStats,
  clock: clockAt('2026-11-26T10:20:00Z'),
  sla: CaseSlaSchema.parse({}),
  recoverySurvey: null,
  minSample: 30,
  ...overrides,
});

describe('answerCaseStatsQuery', () => {
  it('reads the trailing 30 days of every team by default, in one range', async () => {
    const { caseStats, asked } = storedDays([]);

    const answer = await answerCaseStatsQuery({}, depsOver(caseStats));

    expect(asked).toEqual([[null, '2026-10-28', '2026-11-26']]);
    expect(answer).toMatchObject({ window: '30d', from: '2026-10-28', to: '2026-11-26', team: null });
  });

  it('reads a range of days for one team', async () => {
    const { caseStats, asked } = storedDays([]);

    const answer = await answerCaseStatsQuery(
      { from: '2026-01-01', to: '2026-03-31', team: 'billing' },
      depsOver(caseStats),
    );

    expect(asked).toEqual([['billing', '2026-01-01', '2026-03-31']]);
    expect(answer).toMatchObject({ window: null, from: '2026-01-01', to: '2026-03-31', team: 'billing' });
  });

  it('adds up the days into counts, exact nearest-rank times, the share in SLA, reasons and win-back', async () => {
    const { caseStats } = storedDays([
      {
        day: '2026-11-25',
        counts: {
          opened: 5,
          acknowledged: 3,
          resolved: 2,
          escalated: 1,
          'reason:called-back': 1,
          'reason:duplicate': 1,
          answeredAgain: 6,
          wonBack: 1,
        },
        // The SLA is 60 minutes for high, 240 for medium: 3600 s is not within it (it escalates then).
        durations: { ...NONE, acknowledgeSecondsHigh: [3599, 3600], resolveSeconds: [7200, 600] },
      },
      {
        day: '2026-11-26',
        counts: { opened: 1, acknowledged: 1, resolved: 2, 'reason:called-back': 2, answeredAgain: 2 },
        durations: { ...NONE, acknowledgeSecondsMedium: [14_399], resolveSeconds: [900, 300] },
      },
    ]);

    const answer = await answerCaseStatsQuery({ window: '7d' }, depsOver(caseStats));

    expect(answer).toMatchObject({
      opened: 6,
      acknowledged: 4,
      resolved: 4,
      escalated: 1,
      timeToAcknowledge: { n: 3, medianSeconds: 3600, p90Seconds: 14_399 },
      timeToResolve: { n: 4, medianSeconds: 600, p90Seconds: 7200 },
      acknowledgedWithinSla: { n: 2, percent: 66.7, sla: { highMinutes: 60, mediumMinutes: 240 } },
      resolutions: {
        'called-back': 3,
        'issue-fixed': 0,
        'customer-unreachable': 0,
        'no-action-needed': 0,
        duplicate: 1,
      },
      // 1 of 8 is 12.5 % exactly, which stays 12.5.
      winBack: { answeredAgain: 8, wonBack: 1, rate: 12.5 },
      countedOn: COUNTED_ON,
    });
  });

  it('judges the share in SLA against the stage SLA as it stands', async () => {
    const { caseStats } = storedDays([
      {
        day: '2026-11-26',
        counts: { acknowledged: 2 },
        durations: { ...NONE, acknowledgeSecondsHigh: [1000, 2000] },
      },
    ]);

    const answer = await answerCaseStatsQuery(
      {},
      depsOver(caseStats, { sla: CaseSlaSchema.parse({ highMinutes: 30 }) }),
    );

    expect(answer.acknowledgedWithinSla).toMatchObject({ n: 1, percent: 50 });
  });

  it('answers nulls, not zeros, for times and shares over nothing', async () => {
    const { caseStats } = storedDays([]);

    const answer = await answerCaseStatsQuery({}, depsOver(caseStats));

    expect(answer).toMatchObject({
      opened: 0,
      timeToAcknowledge: { n: 0, medianSeconds: null, p90Seconds: null },
      acknowledgedWithinSla: { n: 0, percent: null },
      winBack: { answeredAgain: 0, wonBack: 0, rate: null },
      recovery: { touchpoint: 'case-recovery', survey: 'csat', n: 0, score: null },
    });
  });

  it("scores the recovery survey's answers as GET /metrics scores its survey", async () => {
    const { caseStats } = storedDays([
      {
        day: '2026-11-25',
        counts: { 'recovery:csat:5': 2, 'recovery:csat:2': 1, 'recovery:nps:9': 7 },
        durations: NONE,
      },
      { day: '2026-11-26', counts: { 'recovery:csat:4': 1, 'recovery:csat:1': 0 }, durations: NONE },
    ]);

    const answer = await answerCaseStatsQuery({}, depsOver(caseStats, { minSample: 4 }));

    expect(answer.recovery).toMatchObject({
      touchpoint: 'case-recovery',
      survey: 'csat',
      n: 4,
      score: 75,
      satisfied: 3,
      mean: 4,
      lowSample: false,
    });
  });

  it("scores the stage's own recovery survey when it is another", async () => {
    const { caseStats } = storedDays([
      {
        day: '2026-11-25',
        counts: { 'recovery:csat:5': 2, 'recovery:nps:9': 3, 'recovery:nps:3': 1 },
        durations: NONE,
      },
    ]);
    const recoverySurvey = RecoverySurveySchema.parse({ survey: 'nps', touchpoint: 'after-call' });

    const answer = await answerCaseStatsQuery({}, depsOver(caseStats, { recoverySurvey }));

    expect(answer.recovery).toMatchObject({ touchpoint: 'after-call', survey: 'nps', n: 4, score: 50 });
  });

  it.each([
    [{ status: 'open' }, [{ field: 'status', message: 'is not a known parameter' }]],
    [{ window: '1y' }, [{ field: 'window', message: 'must be one of 7d, 30d, 90d' }]],
    [
      { window: '7d', from: '2026-11-01', to: '2026-11-02' },
      [{ field: 'window', message: 'give a window, or from and to, not both' }],
    ],
    [{ from: '2026-11-01' }, [{ field: 'to', message: 'is required with from' }]],
    [{ to: '2026-11-01' }, [{ field: 'from', message: 'is required with to' }]],
    [{ from: '2026-11-31', to: '2026-12-01' }, [{ field: 'from', message: 'must be a date as YYYY-MM-DD' }]],
    [{ from: '2026-11-02', to: '2026-11-01' }, [{ field: 'from', message: 'must be on or before to' }]],
    [
      { from: '2025-10-22', to: '2026-11-26' },
      [{ field: 'from', message: 'must be at most 400 days before to, both days included' }],
    ],
    [{ team: '' }, [{ field: 'team', message: 'must not be empty' }]],
  ])('refuses %j, naming the field', async (query, fields) => {
    const { caseStats, asked } = storedDays([]);

    const refused = answerCaseStatsQuery(query, depsOver(caseStats));

    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toMatchObject({ issues: fields });
    expect(asked).toEqual([]);
  });

  it('takes a range of exactly 400 days', async () => {
    const { caseStats } = storedDays([]);

    const answer = await answerCaseStatsQuery({ from: '2025-10-23', to: '2026-11-26' }, depsOver(caseStats));

    expect(answer).toMatchObject({ from: '2025-10-23', to: '2026-11-26' });
  });
});
