import {
  DynamoDBClient,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { raceWrites } from '../../test/support/race.js';
import { aCase, aResponse } from '../../test/support/samples.js';
import { ConflictError } from '../platform/errors.js';
import { nextAnswerKey } from '../platform/table-design.js';
import type { Case } from './case.js';
import { acknowledgeCase, type CaseDeps, reopenCase } from './cases.js';
import { DynamoDbCaseStats, transactWithStats } from './dynamodb-case-stats.js';
import { DynamoDbCaseStore } from './dynamodb-case-store.js';

let table: Awaited<ReturnType<typeof freshTable>>;
let cases: DynamoDbCaseStore;
let stats: DynamoDbCaseStats;
let now: Date;
let deps: CaseDeps;

beforeEach(async () => {
  table = await freshTable();
  cases = new DynamoDbCaseStore(table.client, table.tableName);
  stats = new DynamoDbCaseStats(table.client, table.tableName);
  now = new Date('2026-11-26T10:45:03.000Z');
  deps = { cases, clock: { now: () => now } };
});

/** A case of `team` for customer `customerId`, opened at `openedAt`. */
const caseOf = (
  caseId: string,
  team = 'billing',
  openedAt = '2026-11-26T10:15:03.000Z',
  customerId = 'c-981',
): Case => aCase({ invitationId: caseId, interactionId: `zd-${caseId}`, team, customerId, openedAt });

/** The one stored day of a scope, as read back. */
const dayOf = async (team: string | null, day = '2026-11-26') => {
  const days = await stats.range(team, day, day);
  expect(days.length).toBeLessThanOrEqual(1);
  return days[0];
};

describe('DynamoDbCaseStore with its statistics', () => {
  it('counts an opening once, however often it is replayed', async () => {
    await cases.open(caseOf('inv-1'));
    await cases.open(caseOf('inv-1'));

    expect((await dayOf('billing'))?.counts).toEqual({ opened: 1 });
    expect((await dayOf(null))?.counts).toEqual({ opened: 1 });
  });

  it('counts an acknowledgement once when it is sent again, with its one duration', async () => {
    await cases.open(caseOf('inv-1'));
    const fields = { acknowledgedAt: now.toISOString(), acknowledgedBy: 'lead@example.com' };

    expect(await cases.transition('inv-1', 'open', 'acknowledged', fields)).toBe(true);
    expect(await cases.transition('inv-1', 'open', 'acknowledged', fields)).toBe(false);

    const day = await dayOf('billing');
    expect(day?.counts).toEqual({ opened: 1, acknowledged: 1 });
    expect(day?.durations.acknowledgeSecondsHigh).toEqual([1800]);
  });

  it('counts once when two leads acknowledge at once, both having read the case open', async () => {
    await cases.open(caseOf('inv-1'));
    const race = raceWrites(table.client, (command) => command instanceof TransactWriteItemsCommand);
    const racing = { ...deps, cases: new DynamoDbCaseStore(race.client, table.tableName) };

    await Promise.allSettled([
      acknowledgeCase('inv-1', { by: 'a@example.com' }, racing),
      acknowledgeCase('inv-1', { by: 'b@example.com' }, racing),
    ]);

    expect(race.outcomes).toEqual(['written', 'refused']);
    expect((await dayOf(null))?.counts.acknowledged).toBe(1);
    expect((await dayOf(null))?.durations.acknowledgeSecondsHigh).toEqual([1800]);
  });

  it("keeps a team's figures apart and every team's together", async () => {
    await cases.open(caseOf('inv-1', 'billing'));
    await cases.open(caseOf('inv-2', 'shipping'));
    await cases.open(caseOf('inv-3', 'billing'));
    await cases.transition('inv-2', 'open', 'resolved', {
      resolvedAt: '2026-11-26T11:15:03.000Z',
      resolution: { reason: 'issue-fixed', note: '' },
    });

    expect((await dayOf('billing'))?.counts).toEqual({ opened: 2 });
    expect(await dayOf('shipping')).toMatchObject({
      counts: { opened: 1, resolved: 1, 'reason:issue-fixed': 1 },
      durations: { resolveSeconds: [3600] },
    });
    expect(await dayOf(null)).toMatchObject({
      counts: { opened: 3, resolved: 1, 'reason:issue-fixed': 1 },
      durations: { resolveSeconds: [3600] },
    });
  });

  it('counts each move on the day it happened, and reads a range of days', async () => {
    await cases.open(caseOf('inv-1', 'billing', '2026-11-25T23:50:00.000Z'));
    await cases.transition('inv-1', 'open', 'open', { escalatedAt: '2026-11-26T00:50:00.000Z' });
    await cases.transition('inv-1', 'open', 'open', { escalatedAt: '2026-11-26T00:55:00.000Z' });

    const days = await stats.range('billing', '2026-11-20', '2026-11-30');

    expect(days.map(({ day, counts }) => ({ day, counts }))).toEqual([
      { day: '2026-11-25', counts: { opened: 1 } },
      { day: '2026-11-26', counts: { escalated: 1 } },
    ]);
    expect(await stats.range('billing', '2026-11-26', '2026-11-26')).toHaveLength(1);
  });

  it('counts nothing for a change of the answer on the case', async () => {
    const opened = caseOf('inv-1');
    await cases.open(opened);

    expect(await cases.revise(opened, { score: 1, answerChanges: 1 })).toBe(true);

    expect((await dayOf(null))?.counts).toEqual({ opened: 1 });
  });

  it('counts a reopening as a new opening, and the next resolution once more, each once however often it is sent', async () => {
    // Prepare: a case opened at 10:15:03, resolved an hour later
    await cases.open(caseOf('inv-1'));
    await cases.transition('inv-1', 'open', 'resolved', {
      resolvedAt: '2026-11-26T11:15:03.000Z',
      resolution: { reason: 'called-back', note: '' },
    });
    const resolved = (await cases.get('inv-1')) as Case;

    // Act: reopened at 12:15:03 (and the same write sent again over the case as read), then resolved at 12:45:03
    now = new Date('2026-11-26T12:15:03.000Z');
    await reopenCase('inv-1', { by: 'lead@example.com' }, deps);
    const replayed = await cases.move(resolved, 'open', { openedAt: now.toISOString() });
    const again = await reopenCase('inv-1', {}, deps).catch((error: unknown) => error);
    await cases.transition('inv-1', 'open', 'resolved', {
      resolvedAt: '2026-11-26T12:45:03.000Z',
      resolution: { reason: 'issue-fixed', note: '' },
    });

    // Assess: two openings, one of them a reopening, two resolutions, each timed from its own opening
    expect(replayed).toBe(false);
    expect(again).toBeInstanceOf(ConflictError);
    for (const scope of ['billing', null]) {
      expect(await dayOf(scope)).toMatchObject({
        counts: { opened: 2, reopened: 1, resolved: 2, 'reason:called-back': 1, 'reason:issue-fixed': 1 },
        durations: { resolveSeconds: [3600, 1800] },
      });
    }
  });

  it('counts the acknowledgement and the escalation of a reopened case again, from the new opening', async () => {
    // Prepare: acknowledged and escalated once, resolved, reopened at 12:00
    await cases.open(caseOf('inv-1'));
    await cases.transition('inv-1', 'open', 'open', { escalatedAt: '2026-11-26T11:15:03.000Z' });
    await cases.transition('inv-1', 'open', 'acknowledged', { acknowledgedAt: '2026-11-26T11:20:03.000Z' });
    await cases.transition('inv-1', 'acknowledged', 'resolved', { resolvedAt: '2026-11-26T11:30:00.000Z' });
    now = new Date('2026-11-26T12:00:00.000Z');
    await reopenCase('inv-1', {}, deps);

    // Act
    await cases.transition('inv-1', 'open', 'open', { escalatedAt: '2026-11-26T13:00:00.000Z' });
    now = new Date('2026-11-26T13:10:00.000Z');
    await acknowledgeCase('inv-1', {}, deps);

    // Assess
    expect(await dayOf(null)).toMatchObject({
      counts: { opened: 2, reopened: 1, escalated: 2, acknowledged: 2, resolved: 1 },
      durations: { acknowledgeSecondsHigh: [3900, 4200] },
    });
  });

  it('counts every one of many cases opened and acknowledged at once, on the same items', async () => {
    const ids = Array.from({ length: 24 }, (_, i) => `inv-${i}`);

    await Promise.all(ids.map((id) => cases.open(caseOf(id))));
    await Promise.all(
      ids.map((id) => cases.transition(id, 'open', 'acknowledged', { acknowledgedAt: now.toISOString() })),
    );

    const day = await dayOf(null);
    expect(day?.counts).toEqual({ opened: 24, acknowledged: 24 });
    expect(day?.durations.acknowledgeSecondsHigh).toHaveLength(24);
  });
});

describe('the next answer after a case', () => {
  it('leaves a marker under the customer when a case opens, found by one query', async () => {
    await cases.open(caseOf('inv-1', 'billing', '2026-11-26T10:15:03.000Z', 'c-7'));
    await cases.open(caseOf('inv-2', 'shipping', '2026-11-27T10:15:03.000Z', 'c-7'));
    await cases.open(caseOf('inv-3', 'billing', '2026-11-27T10:15:03.000Z', 'c-8'));

    expect(await stats.waitingForNextAnswer('c-7')).toEqual([
      { caseId: 'inv-1', customerId: 'c-7', team: 'billing', openedAt: '2026-11-26T10:15:03.000Z' },
      { caseId: 'inv-2', customerId: 'c-7', team: 'shipping', openedAt: '2026-11-27T10:15:03.000Z' },
    ]);
  });

  it('takes the marker once, counting the answer on the day the case opened', async () => {
    await cases.open(caseOf('inv-1', 'billing', '2026-11-26T10:15:03.000Z', 'c-7'));
    const [marker] = await stats.waitingForNextAnswer('c-7');
    if (!marker) throw new Error('no marker');

    expect(await stats.countNextAnswer(marker, true)).toBe(true);
    expect(await stats.countNextAnswer(marker, true)).toBe(false);

    expect((await dayOf('billing'))?.counts).toEqual({ opened: 1, answeredAgain: 1, wonBack: 1 });
    expect((await dayOf(null))?.counts).toEqual({ opened: 1, answeredAgain: 1, wonBack: 1 });
    expect(await stats.waitingForNextAnswer('c-7')).toEqual([]);
  });

  it('keeps the marker until its TTL, 400 days after the case opened', async () => {
    await cases.open(caseOf('inv-1', 'billing', '2026-11-26T10:15:03.000Z', 'c-7'));

    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: marshall(nextAnswerKey('c-7', 'inv-1')) }),
    );

    expect(Item?.expiresAt).toEqual({ N: String(Date.parse('2027-12-31T10:15:03.000Z') / 1000) });
  });
});

describe('the recovery survey in the statistics', () => {
  const recovery = aResponse({
    invitationId: 'rec-1',
    survey: 'csat',
    score: 2,
    touchpoint: 'case-recovery',
    day: '2026-11-28',
    updatedAt: '2026-11-28T09:00:00.000Z',
  });

  it('counts an answer once, and moves it when its score changes, once', async () => {
    const changed = { ...recovery, score: 5, updatedAt: '2026-11-28T09:01:00.000Z' };

    expect(await stats.countRecoveryAnswer(recovery)).toBe(true);
    expect(await stats.countRecoveryAnswer(recovery)).toBe(false);
    expect(await stats.countRecoveryChange(recovery, changed)).toBe(true);
    expect(await stats.countRecoveryChange(recovery, changed)).toBe(false);

    expect((await dayOf('billing', '2026-11-28'))?.counts).toEqual({
      'recovery:csat:2': 0,
      'recovery:csat:5': 1,
    });
  });

  it('moves nothing for a change of an answer it never counted', async () => {
    const changed = { ...recovery, score: 5, updatedAt: '2026-11-28T09:01:00.000Z' };

    expect(await stats.countRecoveryChange(recovery, changed)).toBe(false);

    expect(await dayOf(null, '2026-11-28')).toBeUndefined();
  });
});

describe('transactWithStats', () => {
  /** What DynamoDB answers a transaction it cancelled, one code per item. */
  const cancelled = (...codes: string[]) =>
    new TransactionCanceledException({
      $metadata: {},
      message: 'Transaction cancelled',
      CancellationReasons: codes.map((Code) => ({ Code })),
    });

  // DynamoDB Local runs transactions one at a time, so it never answers a conflict: its answer is mocked.
  let dynamodb: ReturnType<typeof mockClient>;
  beforeEach(() => {
    dynamodb = mockClient(DynamoDBClient);
  });
  afterEach(() => {
    dynamodb.restore();
  });

  it('sends a transaction again when it met another on a statistics item', async () => {
    dynamodb
      .on(TransactWriteItemsCommand)
      .rejectsOnce(cancelled('None', 'None', 'TransactionConflict'))
      .rejectsOnce(cancelled('None', 'TransactionConflict', 'None'))
      .resolves({});

    await transactWithStats(new DynamoDBClient({}), []);

    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(3);
  });

  it('never sends again a transaction whose condition failed', async () => {
    dynamodb
      .on(TransactWriteItemsCommand)
      .rejects(cancelled('ConditionalCheckFailed', 'TransactionConflict'));

    await expect(transactWithStats(new DynamoDBClient({}), [])).rejects.toThrow(TransactionCanceledException);

    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });

  it('gives up on a conflict that outlasts six tries, as it came', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('None', 'TransactionConflict'));

    await expect(transactWithStats(new DynamoDBClient({}), [])).rejects.toThrow(TransactionCanceledException);

    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(6);
  });
});
