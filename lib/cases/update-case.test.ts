import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { aResponse } from '../../test/support/samples.js';
import { DynamoDbAlertLedger } from '../alerts/dynamodb-alert-ledger.js';
import type { Alert } from '../alerts/ports.js';
import type { Response } from '../invitations/response.js';
import { CASE_UPDATES_PARTITION } from '../platform/table-design.js';
import { DEFAULT_UNHAPPY_AT_OR_BELOW } from '../surveys/scales.js';
import { type AlertDeps, alertOnUnhappyAnswer } from './alert-on-unhappy-answer.js';
import { acknowledgeCase } from './cases.js';
import { DynamoDbCaseStore } from './dynamodb-case-store.js';
import { sendDueCaseUpdates, UPDATE_WINDOW_MS } from './update-case.js';

/** Seconds after 10:30:00 on the day of Ana's answer, as an ISO time. */
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 26, 10, 30, seconds)).toISOString();

/** Ana's answer to inv-1, counted, as it stood at `seconds`. */
const answer = (seconds: number, overrides: Partial<Response> = {}): Response =>
  aResponse({ invitationId: 'inv-1', customerName: 'Ana', updatedAt: at(seconds), ...overrides });

let table: Awaited<ReturnType<typeof freshTable>>;
let cases: DynamoDbCaseStore;
let deps: AlertDeps;
let published: Alert[];
let now: Date;
/** The answer as the stream last carried it, so that each change has its before image. */
let last: Response;

beforeEach(async () => {
  table = await freshTable();
  cases = new DynamoDbCaseStore(table.client, table.tableName);
  published = [];
  now = new Date(at(1));
  deps = {
    ledger: new DynamoDbAlertLedger(table.client, table.tableName),
    publisher: { publish: async (alert) => `sns-${published.push(alert)}` },
    clock: { now: () => now },
    thresholds: DEFAULT_UNHAPPY_AT_OR_BELOW,
    cases,
    caseUrl: (caseId) => `https://pulse.example.com/cases/${caseId}`,
  };
  // Ana's unhappy 3, alerted at 10:30:01, with its case open.
  last = answer(0, { score: 3, comment: '' });
  await alertOnUnhappyAnswer({ before: null, after: last }, deps);
});

/** The stream record of Ana changing her answer at `seconds` (the clock there too), as the reactor reads it. */
const change = (seconds: number, to: Partial<Response>) => {
  const transition = { before: last, after: answer(seconds, { ...last, ...to, updatedAt: at(seconds) }) };
  last = transition.after;
  now = new Date(at(seconds));
  return alertOnUnhappyAnswer(transition, deps);
};

const updates = () => published.filter((alert) => alert.attributes.kind === 'update');

/** The cases listed as due for an update, as the table holds them. */
const dueList = async () =>
  (
    await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': CASE_UPDATES_PARTITION }),
        ConsistentRead: true,
      }),
    )
  ).Items?.map((item) => unmarshall(item).sk as string) ?? [];

describe('coalesced case updates', () => {
  it('sends the first change at once, holds later ones for the window, then sends one update carrying every change since', async () => {
    // Prepare: a comment at once, then a change of mind and a fix within the next minute
    const first = await change(20, { comment: 'the wait' });
    const second = await change(40, { score: 9, comment: 'the wait was fine in the end' });
    const third = await change(70, { comment: 'the wait was fine, in the end' });

    // Act: escalate-cases runs before the window ends, then when it has
    now = new Date(Date.parse(at(20)) + UPDATE_WINDOW_MS - 1_000);
    const early = await sendDueCaseUpdates(deps);
    now = new Date(Date.parse(at(20)) + UPDATE_WINDOW_MS);
    const due = await sendDueCaseUpdates(deps);
    const again = await sendDueCaseUpdates(deps);

    // Assess
    expect([first, second, third]).toEqual(['updated', 'update-deferred', 'update-deferred']);
    expect([early, due, again]).toEqual([0, 1, 0]);
    expect(updates().map((alert) => alert.dedupeKey)).toEqual([
      `update#inv-1#${at(20)}`,
      `update#inv-1#${at(70)}`,
    ]);
    const coalesced = updates()[1] as Alert;
    expect(coalesced.subject).toBe('Update: Ana changed their answer 2 times (NPS 9/10, billing)');
    expect(coalesced.attributes).toMatchObject({ kind: 'update', score: 9, severity: 'high' });
    expect(coalesced.message).toContain(
      [
        'Ana changed their answer 2 times since the last update:',
        '- 10:30:40 UTC: score 3/10 → 9/10, comment changed:',
        '> the wait was fine in the end',
        '- 10:31:10 UTC: comment changed:',
        '> the wait was fine, in the end',
        'Score: 3/10 → 9/10 on NPS (now promoter).',
        'Comment now:',
        '> the wait was fine, in the end',
      ].join('\n'),
    );
    expect(await cases.get('inv-1')).toMatchObject({
      score: 9,
      comment: 'the wait was fine, in the end',
      answerChanges: 3,
      answerLog: [
        { at: at(20), sentIn: at(20) },
        { at: at(40), sentIn: at(70) },
        { at: at(70), sentIn: at(70) },
      ],
    });
  });

  it('sends a change the window held even when no change comes after it, once, and then takes the case off the list', async () => {
    await change(20, { comment: 'slow' });
    await change(30, { comment: 'slow and rude' });

    now = new Date(Date.parse(at(20)) + UPDATE_WINDOW_MS);
    const sent = await sendDueCaseUpdates(deps);
    const dueAfterSending = await dueList();
    now = new Date(now.getTime() + UPDATE_WINDOW_MS);
    const checked = await sendDueCaseUpdates(deps);

    expect([sent, checked]).toEqual([1, 0]);
    expect(updates().map((alert) => alert.subject)).toEqual([
      'Update: Ana added a comment (NPS 3/10, billing)',
      'Update: Ana changed their comment (NPS 3/10, billing)',
    ]);
    expect(dueAfterSending).toHaveLength(1);
    expect(await dueList()).toEqual([]);
    expect((await cases.get('inv-1'))?.updateDueAt).toBeUndefined();
  });

  it('sends the next change at once when the window has passed since the last update', async () => {
    await change(20, { comment: 'slow' });

    const outcome = await change(20 + UPDATE_WINDOW_MS / 1000, { score: 1 });

    expect(outcome).toBe('updated');
    expect(updates()).toHaveLength(2);
    expect(updates()[1]?.message).toContain('Score: 3/10 → 1/10 on NPS (now detractor).');
  });

  it('sends nothing twice however often the records are replayed and the schedule runs', async () => {
    const transitions = [];
    for (const [seconds, comment] of [
      [20, 'a'],
      [21, 'ab'],
      [22, 'abc'],
    ] as const) {
      const before = last;
      await change(seconds, { comment });
      transitions.push({ before, after: last });
    }

    for (const transition of transitions) await alertOnUnhappyAnswer(transition, deps);
    now = new Date(Date.parse(at(20)) + UPDATE_WINDOW_MS);
    const runs = await Promise.all([sendDueCaseUpdates(deps), sendDueCaseUpdates(deps)]);
    for (const transition of transitions) await alertOnUnhappyAnswer(transition, deps);
    await sendDueCaseUpdates(deps);

    expect(runs.reduce((sum, sent) => sum + sent, 0)).toBe(1);
    expect(updates().map((alert) => alert.dedupeKey)).toEqual([
      `update#inv-1#${at(20)}`,
      `update#inv-1#${at(22)}`,
    ]);
  });

  it('sends a reserved update whose publish failed when the record is delivered again', async () => {
    const publish = deps.publisher.publish;
    deps.publisher.publish = async () => {
      throw new Error('SNS unavailable');
    };
    const transition = { before: last, after: answer(20, { comment: 'nobody called' }) };
    now = new Date(at(20));
    const failed = await alertOnUnhappyAnswer(transition, deps).catch((error: unknown) => error);
    deps.publisher.publish = publish;

    const redelivered = await alertOnUnhappyAnswer(transition, deps);

    expect(failed).toBeInstanceOf(Error);
    expect(redelivered).toBe('updated');
    expect(updates().map((alert) => alert.dedupeKey)).toEqual([`update#inv-1#${at(20)}`]);
    expect((await cases.get('inv-1'))?.answerChanges).toBe(1);
  });

  it('sends the update of an acknowledged case that waited for its window', async () => {
    await change(20, { comment: 'slow' });
    await acknowledgeCase('inv-1', { by: 'lead@example.com' }, { cases, clock: deps.clock });
    await change(30, { score: 2 });

    now = new Date(Date.parse(at(20)) + UPDATE_WINDOW_MS);
    const sent = await sendDueCaseUpdates(deps);

    expect(sent).toBe(1);
    expect(updates()[1]?.message).toContain('Case: https://pulse.example.com/cases/inv-1 (acknowledged)');
  });
});

describe('a resolved case', () => {
  const resolve = async () => {
    expect(await cases.transition('inv-1', 'open', 'resolved', { resolvedAt: now.toISOString() })).toBe(true);
  };

  it('records every later change of the answer and sends no update for it, now or when the window ends', async () => {
    await change(20, { comment: 'slow' });
    await resolve();

    const outcome = await change(20 + UPDATE_WINDOW_MS / 1000, { score: 0, comment: 'and rude' });
    now = new Date(now.getTime() + UPDATE_WINDOW_MS);
    const sent = await sendDueCaseUpdates(deps);

    expect(outcome).toBe('change-recorded');
    expect(sent).toBe(0);
    expect(updates()).toHaveLength(1);
    expect(await cases.get('inv-1')).toMatchObject({
      status: 'resolved',
      score: 0,
      comment: 'and rude',
      answerChanges: 2,
      answerLog: [
        { at: at(20), sentIn: at(20) },
        { at: at(320), score: 0, comment: 'and rude' },
      ],
    });
    expect(await dueList()).toEqual([]);
  });

  it('sends none of the changes that were waiting for their window when it was resolved', async () => {
    await change(20, { comment: 'slow' });
    await change(30, { comment: 'slow, call me' });
    await resolve();

    now = new Date(Date.parse(at(20)) + UPDATE_WINDOW_MS);
    const sent = await sendDueCaseUpdates(deps);

    expect(sent).toBe(0);
    expect(updates()).toHaveLength(1);
    expect(await cases.get('inv-1')).toMatchObject({ comment: 'slow, call me', answerChanges: 2 });
    expect(await dueList()).toEqual([]);
  });
});

describe('the storm of the security review: 40 changes of one answer in 3 seconds', () => {
  it('alerts once, updates the case at once and once more when the window ends, and records all 40 changes', async () => {
    const outcomes = [];
    for (let n = 0; n < 40; n += 1) {
      // 75 ms apart, from 10:30:10
      const changedAt = new Date(Date.parse(at(10)) + n * 75);
      const before = last;
      last = answer(0, { score: n % 11, comment: `post ${n}`, updatedAt: changedAt.toISOString() });
      now = changedAt;
      outcomes.push(await alertOnUnhappyAnswer({ before, after: last }, deps));
    }

    now = new Date(Date.parse(at(10)) + UPDATE_WINDOW_MS);
    const sent = await sendDueCaseUpdates(deps);

    expect(published.map((alert) => alert.attributes.kind)).toEqual(['detractor', 'update', 'update']);
    expect(sent).toBe(1);
    expect(outcomes.filter((outcome) => outcome === 'updated')).toHaveLength(1);
    const coalesced = updates()[1] as Alert;
    expect(coalesced.subject).toMatch(/^Update: Ana changed their answer 39 times/);
    for (let n = 1; n < 40; n += 1) expect(coalesced.message).toContain(`> post ${n}\n`);
    expect(await cases.get('inv-1')).toMatchObject({ answerChanges: 40, comment: 'post 39', score: 39 % 11 });
    expect((await cases.get('inv-1'))?.answerLog).toHaveLength(40);
  });
});
