import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type MetricAlertRule,
  MetricAlertRuleSchema,
  MetricAlertRulesSchema,
  type MetricAlertState,
  nextMetricState,
  noticeOf,
  ruleKeyOf,
} from './metric-alert.js';

const rule = (input: Record<string, unknown> = {}): MetricAlertRule =>
  MetricAlertRuleSchema.parse({ survey: 'nps', below: 20, ...input });

const issuesOf = (input: unknown): string[] =>
  (MetricAlertRulesSchema.safeParse(input).error?.issues ?? []).map(
    (issue) => `${issue.path.join('.')}: ${issue.message}`,
  );

const NOW = new Date('2026-11-26T12:00:00.000Z');

/** Feeds scores to a rule in turn, as successive runs would, and answers the notices they owe. */
const noticesOver = (watched: MetricAlertRule, scores: (number | null)[], n = 40, minSample = 30) => {
  let state: MetricAlertState | null = null;
  const notices: string[] = [];
  for (const score of scores) {
    const next = nextMetricState(watched, { score, n }, minSample, state, NOW);
    if (next) {
      state = next;
      notices.push(noticeOf(next) as string);
    }
  }
  return notices;
};

describe('MetricAlertRuleSchema', () => {
  it('defaults the window to 30 days and watches everything without a segment', () => {
    expect(rule()).toEqual({ survey: 'nps', metric: 'score', window: '30d', below: 20 });
    expect(ruleKeyOf(rule())).toBe('nps/30d/all');
    expect(ruleKeyOf(rule({ team: 'billing#eu' }))).toBe('nps/30d/team=billing%23eu');
    expect(ruleKeyOf(rule({ metric: 'responseRate', team: 'billing' }))).toBe(
      'nps/30d/team=billing/responseRate',
    );
  });

  it.each([
    [{ survey: 'nps', below: -100 }, '0.below: must be above -100 and at most 100 for nps'],
    [{ survey: 'csat', below: 101 }, '0.below: must be above 0 and at most 100 for csat'],
    [{ survey: 'ces', below: 8 }, '0.below: must be above 1 and at most 7 for ces'],
    [{ survey: 'nps', below: 20, recoverAt: 10 }, '0.recoverAt: must be at or above below'],
    [
      { survey: 'ces', metric: 'responseRate', below: 101 },
      '0.below: must be above 0 and at most 100 for a response rate',
    ],
    [
      { survey: 'nps', below: 20, team: 'a', agent: 'b' },
      '0.agent: a rule watches at most one of team, agent, channel, touchpoint',
    ],
    [{ survey: 'nps', below: 20, minSample: 0 }, '0.minSample: Too small: expected number to be >=1'],
    [{ survey: 'nps', below: 20, teams: ['a'] }, '0: Unrecognized key: "teams"'],
  ])('refuses %j, naming the field', (input, message) => {
    expect(issuesOf([input])).toEqual([message]);
  });

  it('refuses two rules on the same score and segment', () => {
    expect(
      issuesOf([
        { survey: 'nps', below: 20, team: 'billing' },
        { survey: 'nps', below: 0, team: 'billing', window: '30d' },
      ]),
    ).toEqual(['1: watches the same score as rule 0']);
  });
});

describe('nextMetricState', () => {
  it('alerts once on a fall, stays quiet while below, and notices the recovery once', () => {
    expect(noticesOver(rule(), [25, 19, 10, 5, 19.9, 20, 30, 20])).toEqual(['1#fell', '1#recovered']);
  });

  it('alerts again only after a recovery and a second fall', () => {
    expect(noticesOver(rule(), [10, 10, 25, 15, 12, 30])).toEqual([
      '1#fell',
      '1#recovered',
      '2#fell',
      '2#recovered',
    ]);
  });

  it('decides nothing on fewer answers than the minimum, or on no score at all', () => {
    expect(noticesOver(rule(), [-50, -50], 29)).toEqual([]);
    expect(noticesOver(rule({ minSample: 5 }), [-50], 5)).toEqual(['1#fell']);
    expect(noticesOver(rule(), [null, null])).toEqual([]);
  });

  it('recovers only at recoverAt when the rule sets one, so a score near the line does not flap', () => {
    expect(noticesOver(rule({ recoverAt: 30 }), [19, 21, 19, 25, 29.9, 30])).toEqual([
      '1#fell',
      '1#recovered',
    ]);
  });

  it('keeps the time it fell through its recovery, and counts versions for the optimistic lock', () => {
    const fell = nextMetricState(rule(), { score: 10, n: 40 }, 30, null, NOW) as MetricAlertState;
    const later = new Date('2026-11-27T08:00:00.000Z');
    const recovered = nextMetricState(rule(), { score: 40, n: 41 }, 30, fell, later) as MetricAlertState;

    expect(fell).toMatchObject({ status: 'below', episode: 1, score: 10, n: 40, version: 1 });
    expect(recovered).toMatchObject({
      status: 'ok',
      episode: 1,
      score: 40,
      fellAt: NOW.toISOString(),
      changedAt: later.toISOString(),
      version: 2,
    });
  });

  it('never owes two notices in a row of the same kind, whatever the scores', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { maxLength: 60 }), (scores) => {
        const notices = noticesOver(rule(), scores);
        notices.forEach((notice, i) => {
          expect(notice).toBe(`${Math.floor(i / 2) + 1}#${i % 2 === 0 ? 'fell' : 'recovered'}`);
        });
      }),
    );
  });
});
