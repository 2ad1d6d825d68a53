import { beforeEach, describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { aCase, aResponse } from '../../test/support/samples.js';
import type { Response } from '../invitations/response.js';
import { DEFAULT_UNHAPPY_AT_OR_BELOW } from '../surveys/scales.js';
import { RecoverySurveySchema } from './case.js';
import { countCaseFollowUps, type FollowUpDeps } from './count-case-follow-ups.js';
import { DynamoDbCaseStats } from './dynamodb-case-stats.js';
import { DynamoDbCaseStore } from './dynamodb-case-store.js';
import type { CaseStats } from './ports.js';

let cases: DynamoDbCaseStore;
let deps: FollowUpDeps;

beforeEach(async () => {
  const table = await freshTable();
  cases = new DynamoDbCaseStore(table.client, table.tableName);
  deps = {
    caseStats: new DynamoDbCaseStats(table.client, table.tableName),
    thresholds: DEFAULT_UNHAPPY_AT_OR_BELOW,
    recoverySurvey: RecoverySurveySchema.parse({}),
  };
});

/** Ana's billing case on invitation inv-1, opened on 26 November from her NPS 3. */
const openAnasCase = () =>
  cases.open(aCase({ invitationId: 'inv-1', customerId: 'c-981', openedAt: '2026-11-26T10:15:03.000Z' }));

/** Ana's answer to a later survey, inv-2 (another team's), answered on 3 December. */
const nextAnswer = (overrides: Partial<Response> = {}): Response =>
  aResponse({
    invitationId: 'inv-2',
    interactionId: 'zd-50001',
    customerId: 'c-981',
    team: 'shipping',
    score: 9,
    comment: '',
    day: '2026-12-03',
    answeredAt: '2026-12-03T09:00:00.000Z',
    updatedAt: '2026-12-03T09:00:00.000Z',
    ...overrides,
  });

/** The figures of the day the case opened, of Ana's team and of every team. */
const openingDay = async () => ({
  billing: (await deps.caseStats.range('billing', '2026-11-26', '2026-11-26'))[0]?.counts,
  all: (await deps.caseStats.range(null, '2026-11-26', '2026-11-26'))[0]?.counts,
});

describe('countCaseFollowUps', () => {
  it("counts the customer's next answer as won back, on the day the case opened, once", async () => {
    await openAnasCase();
    const transition = { before: null, after: nextAnswer({ score: 9 }) };

    expect(await countCaseFollowUps(transition, deps)).toBe('next-answer-counted');
    expect(await countCaseFollowUps(transition, deps)).toBe('none');

    expect(await openingDay()).toEqual({
      billing: { opened: 1, answeredAgain: 1, wonBack: 1 },
      all: { opened: 1, answeredAgain: 1, wonBack: 1 },
    });
    expect(await deps.caseStats.range('shipping', '2026-11-26', '2026-12-31')).toEqual([]);
  });

  it('counts a next answer in the unhappy range, by the stage thresholds, as answered again only', async () => {
    await openAnasCase();
    deps.thresholds = { ...DEFAULT_UNHAPPY_AT_OR_BELOW, nps: 8 };

    await countCaseFollowUps({ before: null, after: nextAnswer({ score: 8 }) }, deps);

    expect((await openingDay()).billing).toEqual({ opened: 1, answeredAgain: 1 });
  });

  it('takes the marker once when the record is replayed after another reader took it', async () => {
    await openAnasCase();
    const [marker] = await deps.caseStats.waitingForNextAnswer('c-981');
    if (!marker) throw new Error('no marker');
    const stats = deps.caseStats;
    // A read that still sees the marker: only the transaction that takes it can tell.
    const staleReads: CaseStats = {
      range: stats.range.bind(stats),
      waitingForNextAnswer: async () => [marker],
      countNextAnswer: stats.countNextAnswer.bind(stats),
      countRecoveryAnswer: stats.countRecoveryAnswer.bind(stats),
      countRecoveryChange: stats.countRecoveryChange.bind(stats),
    };
    const replaying: FollowUpDeps = { ...deps, caseStats: staleReads };

    expect(await countCaseFollowUps({ before: null, after: nextAnswer() }, replaying)).toBe(
      'next-answer-counted',
    );
    expect(await countCaseFollowUps({ before: null, after: nextAnswer() }, replaying)).toBe('replayed');

    expect((await openingDay()).all).toEqual({ opened: 1, answeredAgain: 1, wonBack: 1 });
  });

  it.each([
    ['the answer that opened the case', nextAnswer({ invitationId: 'inv-1' })],
    ['an answer given before the case opened', nextAnswer({ answeredAt: '2026-11-26T10:15:02.000Z' })],
    ['an answer held as suspect', nextAnswer({ suspect: true })],
    ["another customer's answer", nextAnswer({ customerId: 'c-982' })],
  ])('counts nothing for %s, and the case keeps waiting', async (_name, after) => {
    await openAnasCase();

    expect(await countCaseFollowUps({ before: null, after }, deps)).toBe('none');

    expect((await openingDay()).all).toEqual({ opened: 1 });
    expect(await deps.caseStats.waitingForNextAnswer('c-981')).toHaveLength(1);
  });

  it('counts nothing for a change of an answer that counted already', async () => {
    await openAnasCase();
    const before = nextAnswer({ score: 2 });

    const outcome = await countCaseFollowUps(
      { before, after: { ...before, score: 10, updatedAt: '2026-12-03T09:01:00.000Z' } },
      deps,
    );

    expect(outcome).toBe('none');
    expect((await openingDay()).all).toEqual({ opened: 1 });
  });

  it('counts a suspect answer once it is released, as the first answer that counts', async () => {
    await openAnasCase();
    const held = nextAnswer({ suspect: true });

    const outcome = await countCaseFollowUps(
      { before: held, after: { ...held, suspect: false, releasedAt: '2026-12-04T08:00:00.000Z' } },
      deps,
    );

    expect(outcome).toBe('next-answer-counted');
    expect((await openingDay()).all).toEqual({ opened: 1, answeredAgain: 1, wonBack: 1 });
  });

  it('counts one next answer for every case of the customer opened before it, each on its own day and team', async () => {
    await openAnasCase();
    await cases.open(
      aCase({
        invitationId: 'inv-9',
        customerId: 'c-981',
        team: 'returns',
        openedAt: '2026-11-30T08:00:00.000Z',
      }),
    );

    await countCaseFollowUps({ before: null, after: nextAnswer({ score: 3 }) }, deps);

    expect((await openingDay()).billing).toEqual({ opened: 1, answeredAgain: 1 });
    expect((await deps.caseStats.range('returns', '2026-11-30', '2026-11-30'))[0]?.counts).toEqual({
      opened: 1,
      answeredAgain: 1,
    });
    expect((await deps.caseStats.range(null, '2026-11-01', '2026-12-31')).map((day) => day.counts)).toEqual([
      { opened: 1, answeredAgain: 1 },
      { opened: 1, answeredAgain: 1 },
    ]);
  });

  describe('the recovery survey', () => {
    /** Ana's answer to the recovery survey of her case, under the stage's touchpoint. */
    const recoveryAnswer = (overrides: Partial<Response> = {}) =>
      nextAnswer({ survey: 'csat', score: 4, touchpoint: 'after-call', team: 'billing', ...overrides });

    beforeEach(() => {
      deps.recoverySurvey = RecoverySurveySchema.parse({ touchpoint: 'after-call' });
    });

    it('counts its answer on its own day and team, once, and not as the next answer', async () => {
      await openAnasCase();
      const transition = { before: null, after: recoveryAnswer() };

      expect(await countCaseFollowUps(transition, deps)).toBe('recovery-counted');
      expect(await countCaseFollowUps(transition, deps)).toBe('replayed');

      expect((await deps.caseStats.range('billing', '2026-12-03', '2026-12-03'))[0]?.counts).toEqual({
        'recovery:csat:4': 1,
      });
      expect((await openingDay()).all).toEqual({ opened: 1 });
      expect(await deps.caseStats.waitingForNextAnswer('c-981')).toHaveLength(1);
    });

    it('moves a changed score within its day, once, and a changed comment not at all', async () => {
      const first = recoveryAnswer({ score: 2 });
      const changed = recoveryAnswer({ score: 5, updatedAt: '2026-12-03T09:02:00.000Z' });
      await countCaseFollowUps({ before: null, after: first }, deps);

      expect(await countCaseFollowUps({ before: first, after: changed }, deps)).toBe('recovery-moved');
      expect(await countCaseFollowUps({ before: first, after: changed }, deps)).toBe('replayed');
      expect(
        await countCaseFollowUps({ before: changed, after: { ...changed, comment: 'thanks' } }, deps),
      ).toBe('none');

      expect((await deps.caseStats.range(null, '2026-12-03', '2026-12-03'))[0]?.counts).toEqual({
        'recovery:csat:2': 0,
        'recovery:csat:5': 1,
      });
    });

    it('reads answers under the default touchpoint when the stage sends no recovery survey', async () => {
      deps.recoverySurvey = null;

      const outcome = await countCaseFollowUps(
        { before: null, after: recoveryAnswer({ touchpoint: 'case-recovery' }) },
        deps,
      );

      expect(outcome).toBe('recovery-counted');
    });
  });
});
