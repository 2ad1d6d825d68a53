import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { streamRecord } from '../../test/support/lambda.js';
import { Recorder } from '../../test/support/recorder.js';
import { aResponse } from '../../test/support/samples.js';
import { DynamoDbAlertLedger } from '../alerts/dynamodb-alert-ledger.js';
import type { Alert, AlertPublisher } from '../alerts/ports.js';
import type { Response } from '../invitations/response.js';
import { toResponseTransition } from '../invitations/response-stream-records.js';
import { alertKey } from '../platform/table-design.js';
import { DEFAULT_UNHAPPY_AT_OR_BELOW } from '../surveys/scales.js';
import { type AlertDeps, alertOnUnhappyAnswer } from './alert-on-unhappy-answer.js';
import { caseUrlFor } from './case.js';
import { DynamoDbCaseStore } from './dynamodb-case-store.js';

class RecordingPublisher extends Recorder<Alert> implements AlertPublisher {
  readonly published = this.recorded;

  constructor() {
    super('sns');
  }

  publish(alert: Alert): Promise<string> {
    return this.record(alert);
  }
}

/** When the answer was saved: the first answer at minute 0, each change of it a minute after the last. */
const savedAt = (minute: number) => new Date(Date.UTC(2026, 10, 26, 10, 30 + minute)).toISOString();

/** Ana's unhappy NPS 3 (`aResponse`) to invitation inv-1, saved at minute 0, with her agent, name and email. */
const response = (overrides: Partial<Response> = {}): Response =>
  aResponse({
    invitationId: 'inv-1',
    comment: 'The wait was awful',
    answeredAt: savedAt(0),
    updatedAt: savedAt(0),
    agent: 'agent-7',
    customerName: 'Ana',
    customerEmail: 'ana@example.com',
    ...overrides,
  });

/** As production runs it: the alert ledger and the cases in a real (local) table, alerts linking cases. */
const setUp = async (thresholds = DEFAULT_UNHAPPY_AT_OR_BELOW) => {
  const table = await freshTable();
  const publisher = new RecordingPublisher();
  const cases = new DynamoDbCaseStore(table.client, table.tableName);
  /** The ledger's record of an alert, as the table holds it. */
  const ledgerEntry = async (dedupeKey: string) => {
    const { Item } = await table.client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: marshall(alertKey(dedupeKey)),
        ConsistentRead: true,
      }),
    );
    return Item ? unmarshall(Item) : null;
  };
  let now = new Date('2026-11-26T10:30:01.000Z');
  /** Moves the clock on by `minutes`. */
  const later = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };
  const deps: AlertDeps = {
    ledger: new DynamoDbAlertLedger(table.client, table.tableName),
    publisher,
    clock: { now: () => now },
    thresholds,
    cases,
    caseUrl: caseUrlFor('https://pulse.example.com'),
  };
  return { deps, ledgerEntry, publisher, cases, later };
};

const allCases = async (cases: DynamoDbCaseStore) => (await cases.list({ limit: 100 })).cases;

describe('alertOnUnhappyAnswer', () => {
  it('publishes an alert for a new unhappy answer with routing attributes, and opens the case it links', async () => {
    // Prepare
    const { deps, ledgerEntry, publisher, cases } = await setUp();

    // Act
    const outcome = await alertOnUnhappyAnswer({ before: null, after: response({ score: 3 }) }, deps);

    // Assess
    expect(outcome).toBe('published');
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]).toMatchObject({
      dedupeKey: 'detractor#inv-1',
      attributes: {
        kind: 'detractor',
        survey: 'nps',
        score: 3,
        severity: 'high',
        team: 'billing',
        agent: 'agent-7',
        touchpoint: 'support-ticket',
        channel: 'phone',
      },
    });
    expect(publisher.published[0]?.message).toContain('The wait was awful');
    expect(publisher.published[0]?.message).toContain('Case: https://pulse.example.com/console/cases/inv-1');
    expect(await ledgerEntry('detractor#inv-1')).toMatchObject({ status: 'published', messageId: 'sns-1' });
    expect(await cases.get('inv-1')).toMatchObject({
      caseId: 'inv-1',
      status: 'open',
      score: 3,
      severity: 'high',
      comment: 'The wait was awful',
      openingAnswerAt: savedAt(0),
    });
  });

  it('publishes once and opens one case per invitation however often the record is delivered', async () => {
    // Prepare
    const { deps, publisher, cases } = await setUp();
    const transition = { before: null, after: response({ score: 0 }) };

    // Act
    const outcomes = [];
    for (let delivery = 0; delivery < 3; delivery += 1)
      outcomes.push(await alertOnUnhappyAnswer(transition, deps));

    // Assess
    expect(outcomes).toEqual(['published', 'already-alerted', 'already-alerted']);
    expect(publisher.published).toHaveLength(1);
    expect((await allCases(cases)).map((opened) => opened.caseId)).toEqual(['inv-1']);
  });

  it.each([
    ['nps', 7],
    ['nps', 10],
    ['csat', 3],
    ['ces', 4],
  ] as const)('neither publishes nor opens a case for a happy %s answer of %i', async (survey, score) => {
    // Prepare
    const { deps, publisher, cases } = await setUp();

    // Act
    const outcome = await alertOnUnhappyAnswer({ before: null, after: response({ survey, score }) }, deps);

    // Assess
    expect(outcome).toBe('not-unhappy');
    expect(publisher.published).toEqual([]);
    expect(await allCases(cases)).toEqual([]);
  });

  it('neither publishes nor opens a case for a suspect answer', async () => {
    // Prepare
    const { deps, publisher, cases } = await setUp();

    // Act
    const outcome = await alertOnUnhappyAnswer({ before: null, after: response({ suspect: true }) }, deps);

    // Assess
    expect(outcome).toBe('not-unhappy');
    expect(publisher.published).toEqual([]);
    expect(await allCases(cases)).toEqual([]);
  });

  it('publishes, and opens the case, when a suspect unhappy answer is released', async () => {
    // Prepare
    const { deps, publisher, cases } = await setUp();
    await alertOnUnhappyAnswer({ before: null, after: response({ suspect: true }) }, deps);

    // Act: releasing saves the answer again (releaseAnswer), so its updatedAt moves on.
    const outcome = await alertOnUnhappyAnswer(
      {
        before: response({ suspect: true }),
        after: response({ suspect: false, releasedAt: savedAt(1), updatedAt: savedAt(1) }),
      },
      deps,
    );

    // Assess
    expect(outcome).toBe('published');
    expect(publisher.published.map((alert) => alert.dedupeKey)).toEqual(['detractor#inv-1']);
    expect(await cases.get('inv-1')).toMatchObject({ status: 'open', openingAnswerAt: savedAt(1) });
  });

  it('publishes, and opens the case, when an answer changes down into the unhappy range', async () => {
    // Prepare
    const { deps, publisher, cases } = await setUp();

    // Act
    const outcome = await alertOnUnhappyAnswer(
      { before: response({ score: 9 }), after: response({ score: 4, updatedAt: savedAt(1) }) },
      deps,
    );

    // Assess
    expect(outcome).toBe('published');
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]?.attributes).toMatchObject({ kind: 'detractor', score: 4 });
    expect(await cases.get('inv-1')).toMatchObject({ status: 'open', score: 4, severity: 'medium' });
  });

  it('sends one update on the case, never a second alert, when an unhappy answer changes from 3 to 2', async () => {
    // Prepare
    const { deps, publisher, cases } = await setUp();
    await alertOnUnhappyAnswer({ before: null, after: response({ score: 3 }) }, deps);
    const change = {
      before: response({ score: 3 }),
      after: response({ score: 2, updatedAt: savedAt(1) }),
    };

    // Act
    const outcome = await alertOnUnhappyAnswer(change, deps);
    const replayed = await alertOnUnhappyAnswer(change, deps);

    // Assess
    expect([outcome, replayed]).toEqual(['updated', 'already-alerted']);
    expect(publisher.published.map((alert) => alert.dedupeKey)).toEqual([
      'detractor#inv-1',
      `update#inv-1#${savedAt(1)}`,
    ]);
    expect(publisher.published[1]?.attributes).toMatchObject({ kind: 'update', score: 2, severity: 'high' });
    expect(publisher.published[1]?.message).toContain('Score: 3/10 → 2/10 on NPS (now detractor).');
    expect(await cases.get('inv-1')).toMatchObject({
      status: 'open',
      score: 2,
      severity: 'high',
      answerChanges: 1,
      answerUpdatedAt: savedAt(1),
    });
  });

  it('sends updates on the case, never a second alert, when an answer goes happy and unhappy again', async () => {
    // Prepare
    const { deps, publisher, cases, later } = await setUp();
    await alertOnUnhappyAnswer({ before: null, after: response({ score: 3 }) }, deps);

    // Act: the second change comes after the update window of the first.
    const up = await alertOnUnhappyAnswer(
      { before: response({ score: 3 }), after: response({ score: 9, updatedAt: savedAt(1) }) },
      deps,
    );
    later(6);
    const down = await alertOnUnhappyAnswer(
      {
        before: response({ score: 9, updatedAt: savedAt(1) }),
        after: response({ score: 1, updatedAt: savedAt(2) }),
      },
      deps,
    );

    // Assess
    expect([up, down]).toEqual(['updated', 'updated']);
    expect(publisher.published.map((alert) => alert.dedupeKey)).toEqual([
      'detractor#inv-1',
      `update#inv-1#${savedAt(1)}`,
      `update#inv-1#${savedAt(2)}`,
    ]);
    expect(publisher.published.map((alert) => `${alert.attributes.kind}:${alert.attributes.score}`)).toEqual([
      'detractor:3',
      'update:9',
      'update:1',
    ]);
    expect(
      (await allCases(cases)).map((opened) => [opened.caseId, opened.score, opened.answerChanges]),
    ).toEqual([['inv-1', 1, 2]]);
  });

  it('does not publish for a deletion', async () => {
    // Prepare
    const { deps, publisher, cases } = await setUp();

    // Act
    const outcome = await alertOnUnhappyAnswer({ before: response({ score: 1 }), after: null }, deps);

    // Assess
    expect(outcome).toBe('not-unhappy');
    expect(publisher.published).toEqual([]);
    expect(await allCases(cases)).toEqual([]);
  });

  it('follows custom thresholds, for the alert and the severity of its case', async () => {
    // Prepare
    const { deps, publisher, cases } = await setUp({ nps: 8, csat: 2, ces: 3 });

    // Act
    const outcome = await alertOnUnhappyAnswer({ before: null, after: response({ score: 8 }) }, deps);

    // Assess
    expect(outcome).toBe('published');
    expect(publisher.published).toHaveLength(1);
    expect(await cases.get('inv-1')).toMatchObject({ score: 8, severity: 'medium' });
  });

  it('publishes on a retry after the publisher failed, with the case it opened the first time', async () => {
    // Prepare
    const { deps, publisher, cases } = await setUp();
    const transition = { before: null, after: response({ score: 2 }) };
    publisher.failWith = new Error('SNS unavailable');
    const failed = await alertOnUnhappyAnswer(transition, deps).catch((error: unknown) => error);
    publisher.failWith = undefined;

    // Act
    const outcome = await alertOnUnhappyAnswer(transition, deps);

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(outcome).toBe('published');
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]?.message).toContain('Case: https://pulse.example.com/console/cases/inv-1');
    expect((await allCases(cases)).map((opened) => opened.caseId)).toEqual(['inv-1']);
  });

  it('neither alerts nor updates the case for a change held beside the counted answer, until it is released', async () => {
    // Prepare: the counted answer alerted and opened its case; then a change of it was held
    const { deps, publisher, cases } = await setUp();
    const held = toResponseTransition(streamRecord('response-change-held'));
    const counted = held.before as Response;
    await alertOnUnhappyAnswer({ before: null, after: counted }, deps);
    const opened = await cases.get(counted.invitationId);
    const heldChange = held.after?.heldChange as NonNullable<Response['heldChange']>;

    // Act
    const outcome = await alertOnUnhappyAnswer(held, deps);
    const onHold = await cases.get(counted.invitationId);
    const released = await alertOnUnhappyAnswer(
      {
        before: held.after,
        after: {
          ...counted,
          score: heldChange.score,
          comment: heldChange.comment,
          releasedAt: savedAt(9),
          updatedAt: savedAt(9),
        },
      },
      deps,
    );

    // Assess
    expect(outcome).toBe('already-alerted');
    expect(onHold).toEqual(opened);
    expect(released).toBe('updated');
    expect(publisher.published.map((alert) => alert.attributes.kind)).toEqual(['detractor', 'update']);
    expect(publisher.published[1]?.message).toContain('and nobody called back');
    expect(await cases.get(counted.invitationId)).toMatchObject({ score: 1, answerChanges: 1 });
  });

  it('alerts each invitation separately, each with its own case', async () => {
    // Prepare
    const { deps, publisher, cases } = await setUp();

    // Act
    await alertOnUnhappyAnswer({ before: null, after: response({ invitationId: 'inv-1' }) }, deps);
    await alertOnUnhappyAnswer({ before: null, after: response({ invitationId: 'inv-2' }) }, deps);

    // Assess
    expect(publisher.published.map((alert) => alert.dedupeKey)).toEqual([
      'detractor#inv-1',
      'detractor#inv-2',
    ]);
    expect((await allCases(cases)).map((opened) => opened.caseId).sort()).toEqual(['inv-1', 'inv-2']);
  });
});
