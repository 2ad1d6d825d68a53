import { describe, expect, it } from 'vitest';
import type { EventBridgeTwin } from '../infra/local/eventbridge.js';
import type { Alert } from '../lib/alerts/ports.js';
import { type Case, CaseSlaSchema, erasedCaseFields } from '../lib/cases/case.js';
import { type ContactKey, erasedKeyOf } from '../lib/contacts/contact-keys.js';
import { entryOf } from '../lib/feedback/entry.js';
import type { Response } from '../lib/invitations/response.js';
import { toResponseTransition } from '../lib/invitations/response-stream-records.js';
import { DynamoDbPersonalData } from '../lib/people/dynamodb-personal-data.js';
import { DEFAULT_UNHAPPY_AT_OR_BELOW } from '../lib/surveys/scales.js';
import { everyItemOf, freshTable } from '../test/support/dynamodb.js';
import { localEvents, localInsight, storesOn } from '../test/support/handlers.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { aCase, aResponse, aSentInvitation, INVITATION_ID as CASE_ID } from '../test/support/samples.js';
import { createHandler as createEscalation } from './escalate-cases.js';
import { createHandler } from './react-to-answers.js';

/** The keyed hash an erasure keeps of an address, with a test key. */
const hashOf = (key: ContactKey) => erasedKeyOf(key, 'test-signing-key');

/** `bus`: the local twin of the event bus, to make it fail. */
const setup = async (bus: EventBridgeTwin = { outage: null }) => {
  const table = await freshTable();
  const stores = storesOn(table);
  const { ledger, cases, caseStats, feedback, labels, responses, eventLedger } = stores;
  const events = localEvents(undefined, bus);
  const published: Alert[] = [];
  let now = new Date('2026-11-26T10:15:03Z');
  const shared = {
    ledger,
    publisher: { publish: async (alert: Alert) => `sns-${published.push(alert)}` },
    cases,
    clock: { now: () => now },
    caseUrl: (caseId: string) => `https://pulse.example.com/cases/${caseId}`,
  };
  const handler = createHandler({
    ...shared,
    thresholds: DEFAULT_UNHAPPY_AT_OR_BELOW,
    caseStats,
    recoverySurvey: null,
    feedback,
    labels,
    responses,
    eventLedger,
    ...events,
    ...localInsight(),
  });
  /** The escalate-cases schedule, over the same table, at `at`. */
  const scheduleAt = (at: string) => {
    now = new Date(at);
    return createEscalation({ ...shared, sla: CaseSlaSchema.parse({}) })(
      loadEvent('eventbridge/scheduled.json'),
      context(),
    );
  };
  /** The events put on the bus, as their detail type and id. */
  const eventsOut = () =>
    events.eventOutbox.list('event').map((entry) => {
      const { DetailType, Detail } = entry.input as { DetailType: string; Detail: string };
      return `${DetailType} ${(JSON.parse(Detail) as { eventId: string }).eventId}`;
    });
  return { handler, cases, published, scheduleAt, eventsOut, stores, table };
};

/**
 * The fixture's change of score, made the `n`th of many: its before image the answer as change n - 1
 * left it, each change 75 ms after the last, with its own score, comment and sequence number.
 */
const nthChange = (n: number) => {
  const record = loadEvent('dynamodb-stream/response-score-changed.json').Records[0];
  const version = (i: number) => ({
    score: { N: String(i % 11) },
    comment: { S: `post ${i}` },
    updatedAt: { S: new Date(Date.parse('2026-11-26T10:15:10.000Z') + i * 75).toISOString() },
  });
  if (n > 0) Object.assign(record.dynamodb.OldImage, version(n - 1));
  Object.assign(record.dynamodb.NewImage, version(n));
  record.dynamodb.SequenceNumber = String(4421584500000000017450440000n + BigInt(n));
  record.eventID = `change-${n}`;
  return record;
};

describe('react-to-answers', () => {
  it('opens a case and publishes one detractor alert for an unhappy answer, however often it is delivered', async () => {
    const { handler, cases, published } = await setup();
    const event = loadEvent('dynamodb-stream/response-insert.json');

    const first = await handler(event, context());
    const redelivered = await handler(structuredClone(event), context());

    expect([first, redelivered]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(published.map((alert) => alert.attributes.kind)).toEqual(['detractor']);
    expect(published[0]?.message).toContain(`https://pulse.example.com/cases/${CASE_ID}`);
    expect(await cases.get(CASE_ID)).toMatchObject({ status: 'open', score: 3, team: 'billing' });
  });

  it('updates the case and tells its subscribers once when the customer changes their score', async () => {
    const { handler, cases, published } = await setup();
    await handler(loadEvent('dynamodb-stream/response-insert.json'), context());

    await handler(loadEvent('dynamodb-stream/response-score-changed.json'), context());

    expect(published.map((alert) => alert.attributes.kind)).toEqual(['detractor', 'update']);
    expect(await cases.get(CASE_ID)).toMatchObject({ score: 9, answerChanges: 1 });
  });

  it('tells the subscribers of a case at most once per window however many changes come, carrying them all', async () => {
    const { handler, cases, published, scheduleAt } = await setup();
    await handler(loadEvent('dynamodb-stream/response-insert.json'), context());
    const storm = { Records: Array.from({ length: 40 }, (_, n) => nthChange(n)) };

    const reacted = await handler(storm, context());
    const kindsAfterStorm = published.map((alert) => alert.attributes.kind);
    const tended = await scheduleAt('2026-11-26T10:20:10Z');

    expect(reacted).toEqual({ batchItemFailures: [] });
    expect(kindsAfterStorm).toEqual(['detractor', 'update']);
    expect(tended).toEqual({ escalated: 0, updatesSent: 1 });
    expect(published.map((alert) => alert.attributes.kind)).toEqual(['detractor', 'update', 'update']);
    expect(published[2]?.message).toContain('changed their answer 39 times since the last update');
    expect(await cases.get(CASE_ID)).toMatchObject({ answerChanges: 40, comment: 'post 39' });
    // 40 changes, each comment labelled and listed again: room for a machine busy with the whole suite.
  }, 90_000);

  it('publishes an answer once and a change once, however often each is delivered', async () => {
    const { handler, eventsOut } = await setup();
    const answered = loadEvent('dynamodb-stream/response-insert.json');
    const changed = loadEvent('dynamodb-stream/response-score-changed.json');

    for (const event of [answered, structuredClone(answered), changed, structuredClone(changed)]) {
      expect(await handler(event, context())).toEqual({ batchItemFailures: [] });
    }

    expect(eventsOut()).toEqual([
      `SurveyAnswered answered#${CASE_ID}`,
      `SurveyAnswerChanged changed#${CASE_ID}#2026-11-26T10:17:40.000Z`,
    ]);
  });

  it("publishes a case's opening and its resolution once each, and nothing for its erasure", async () => {
    const { handler, eventsOut } = await setup();
    const records = ['case-opened', 'case-resolved', 'case-erased'].map((name) =>
      loadEvent(`dynamodb-stream/${name}.json`),
    );

    for (const event of [...records, ...records.map((record) => structuredClone(record))]) {
      expect(await handler(event, context())).toEqual({ batchItemFailures: [] });
    }

    expect(eventsOut()).toEqual([
      `CaseOpened case-opened#${CASE_ID}#2026-11-26T10:15:03.000Z`,
      `CaseResolved case-resolved#${CASE_ID}#2026-11-26T11:02:40.000Z`,
    ]);
  });

  it('sends nothing on for a record from before its person was erased, still in flight', async () => {
    const { handler, published, eventsOut, stores, table } = await setup();
    const at = new Date('2026-11-26T10:20:00Z');
    await stores.invitations.create(aSentInvitation());
    await stores.responses.save(aResponse({ comment: 'the wait was awful' }));
    await stores.cases.open(aCase());
    // A reaction to this answer listed it; the erasure has not reached the listing yet.
    const { after } = toResponseTransition(loadEvent('dynamodb-stream/response-insert.json').Records[0]);
    await stores.feedback.keep(CASE_ID, entryOf(after as Response, { caseId: CASE_ID }));
    // The erasure scrubs the answer, and the case the alert step opened before it.
    const erasure = new DynamoDbPersonalData(table.client, table.tableName);
    await erasure.eraseInvitation(CASE_ID, at, hashOf);
    await erasure.eraseResponse(CASE_ID, at);
    const opened = await stores.cases.get(CASE_ID);
    expect(await stores.cases.revise(opened as Case, erasedCaseFields(opened as Case, at))).toBe(true);

    for (const name of ['response-insert', 'response-score-changed', 'case-opened', 'case-resolved']) {
      expect(await handler(loadEvent(`dynamodb-stream/${name}.json`), context())).toEqual({
        batchItemFailures: [],
      });
    }

    expect(published).toEqual([]);
    expect(eventsOut()).toEqual([]);
    const items = await everyItemOf({ dynamoDbEndpoint: table.endpoint, tableName: table.tableName });
    expect(items.filter((item) => JSON.stringify(item).includes('awful'))).toEqual([]);
    expect(items.filter((item) => item.type === 'case')).toHaveLength(2);
  });

  it('finishes the steps after the alert when one of them fails, and publishes the event on the retry', async () => {
    const bus: EventBridgeTwin = { outage: 'the bus is down' };
    const { handler, published, eventsOut, stores } = await setup(bus);
    const event = loadEvent('dynamodb-stream/response-insert.json');
    const listed = async () =>
      (
        await stores.feedback.newest({
          survey: 'nps',
          facet: 'all',
          residual: null,
          from: '2026-11-01',
          to: '2026-11-30',
          limit: 10,
        })
      ).map((entry) => entry.entry.interactionId);

    await expect(handler(event, context())).rejects.toThrow(/the bus is down/);
    // The alert went out before, and the answer was listed beside the failed event all the same.
    expect(published.map((alert) => alert.attributes.kind)).toEqual(['detractor']);
    expect(eventsOut()).toEqual([]);
    expect(await listed()).toEqual(['zd-48213']);

    bus.outage = null;
    expect(await handler(structuredClone(event), context())).toEqual({ batchItemFailures: [] });

    expect(eventsOut()).toEqual([`SurveyAnswered answered#${CASE_ID}`]);
    expect(published).toHaveLength(1);
    expect(await listed()).toEqual(['zd-48213']);
  });

  it('reports the unreadable record and everything after it, having handled what came before', async () => {
    const { handler, published } = await setup();

    const result = await handler(loadEvent('dynamodb-stream/response-batch-with-poison.json'), context());

    expect(result).toEqual({
      batchItemFailures: [
        { itemIdentifier: '4421584500000000017450439098' },
        { itemIdentifier: '4421584500000000017450439099' },
      ],
    });
    expect(published).toEqual([]);
  });
});
