import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { localEvents, type Table } from '../../test/support/handlers.js';
import { aCase, aResponse } from '../../test/support/samples.js';
import type { CaseImage } from '../cases/case-stream-records.js';
import type { Response, ResponseTransition } from '../invitations/response.js';
import { readItem } from '../platform/dynamodb-items.js';
import { ClaimHeldError } from '../platform/errors.js';
import { DynamoDbEventLedger } from './dynamodb-event-ledger.js';
import { EventNotPutError } from './eventbridge-publisher.js';
import { type EventsDeps, publishAnswerEvents, publishCaseEvents } from './publish-events.js';

let table: Table;
beforeAll(async () => {
  table = await freshTable();
});

/**
 * Publishing over the real ledger (DynamoDB Local) and the real adapter in front of the local bus;
 * `eventIds` reads what reached the bus.
 */
const setUp = (twin = { outage: null as string | null }) => {
  const { eventPublisher, eventsOut, eventOutbox } = localEvents({ includeComment: false }, twin);
  const deps: EventsDeps = {
    eventLedger: new DynamoDbEventLedger(table.client, table.tableName),
    eventPublisher,
    eventsOut,
    clock: { now: () => new Date('2026-11-26T10:16:00Z') },
  };
  const eventIds = () =>
    eventOutbox
      .list('event')
      .map(
        (entry) => (JSON.parse((entry.input as { Detail: string }).Detail) as { eventId: string }).eventId,
      );
  return { deps, eventIds };
};

let answers = 0;
/** A counted answer of an invitation of its own, and its versions: each `seconds` later, with `score`. */
const anAnswer = () => {
  answers += 1;
  const first = aResponse({ invitationId: `inv-events-${answers}`, interactionId: `zd-e-${answers}` });
  const version = (seconds: number, score: number): Response => ({
    ...first,
    score,
    updatedAt: new Date(Date.parse(first.updatedAt) + seconds * 1000).toISOString(),
  });
  return { first, version };
};

describe('publishAnswerEvents', () => {
  it('publishes each change once, whatever the stream delivers again, late or twice', async () => {
    const { deps, eventIds } = setUp();
    const { first, version } = anAnswer();
    const rescored = version(60, 9);
    const again = version(120, 5);
    const changes: ResponseTransition[] = [
      { before: null, after: first },
      { before: first, after: rescored },
      { before: rescored, after: again },
    ];

    const published = [];
    for (const change of [...changes, ...changes, changes[1] as ResponseTransition]) {
      published.push(await publishAnswerEvents(change, deps));
    }

    expect(published.flat()).toEqual(['SurveyAnswered', 'SurveyAnswerChanged', 'SurveyAnswerChanged']);
    expect(eventIds()).toEqual([
      `answered#${first.invitationId}`,
      `changed#${first.invitationId}#${rescored.updatedAt}`,
      `changed#${first.invitationId}#${again.updatedAt}`,
    ]);
  });

  it('throws when the bus refuses the entry, and publishes once on the retry after the outage', async () => {
    const twin = { outage: null as string | null };
    const { deps, eventIds } = setUp(twin);
    const { first } = anAnswer();

    twin.outage = 'An internal error occurred';
    const refused = await publishAnswerEvents({ before: null, after: first }, deps).catch((e: unknown) => e);
    twin.outage = null;
    const retried = await publishAnswerEvents({ before: null, after: first }, deps);
    const replayed = await publishAnswerEvents({ before: null, after: first }, deps);

    expect(refused).toBeInstanceOf(EventNotPutError);
    expect((refused as Error).message).toContain('InternalFailure: An internal error occurred');
    expect([retried, replayed]).toEqual([['SurveyAnswered'], []]);
    expect(eventIds()).toEqual([`answered#${first.invitationId}`]);
  });

  it('lets one of two deliveries at once publish, and the other wait for the retry', async () => {
    const { deps, eventIds } = setUp();
    const { first } = anAnswer();

    const outcomes = await Promise.allSettled([
      publishAnswerEvents({ before: null, after: first }, deps),
      publishAnswerEvents({ before: null, after: first }, deps),
    ]);

    expect(eventIds()).toEqual([`answered#${first.invitationId}`]);
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    for (const reason of refused) expect(reason).toBeInstanceOf(ClaimHeldError);
  });

  it('publishes one event per change of a replayed, reordered stream of changes', async () => {
    const { deps, eventIds } = setUp();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (scores, replays) => {
          const { first, version } = anAnswer();
          const versions = [first, ...scores.map((score, i) => version(60 * (i + 1), score))];
          const changes = versions.map((after, i) => ({ before: versions[i - 1] ?? null, after }));
          const delivered = [
            ...changes,
            ...replays.map((n) => changes[n % changes.length] as ResponseTransition),
          ];
          const before = eventIds().length;

          for (const change of delivered) await publishAnswerEvents(change, deps);

          const expected = changes.filter(
            ({ before: was, after }) => !was || was.score !== after.score,
          ).length;
          expect(eventIds().length - before).toBe(expected);
          expect(new Set(eventIds()).size).toBe(eventIds().length);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('publishCaseEvents', () => {
  it("publishes a case's opening and resolution once each, and writes the ledger beside it", async () => {
    const { deps, eventIds } = setUp();
    const open: CaseImage = aCase();
    const resolved: CaseImage = { ...open, status: 'resolved', resolvedAt: '2026-11-26T11:02:40.000Z' };
    const moves = [
      { before: null, after: open },
      { before: open, after: { ...open, status: 'acknowledged' as const } },
      { before: open, after: resolved },
    ];

    for (const move of [...moves, ...moves]) await publishCaseEvents(move, deps);

    expect(eventIds()).toEqual([
      `case-opened#${open.caseId}#${open.openedAt}`,
      `case-resolved#${open.caseId}#2026-11-26T11:02:40.000Z`,
    ]);
    const ledgerItem = await readItem(table.client, table.tableName, {
      pk: `INV#${open.caseId}`,
      sk: `EVENT#case-opened#${open.openedAt}`,
    });
    expect(ledgerItem).toMatchObject({ type: 'event', status: 'published', entryId: expect.any(String) });
  });
});
