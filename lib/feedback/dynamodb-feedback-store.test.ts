import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { aResponse } from '../../test/support/samples.js';
import type { Response } from '../invitations/response.js';
import { readItem } from '../platform/dynamodb-items.js';
import { answerListPartition, listingMarkerKey } from '../platform/table-design.js';
import { DynamoDbFeedbackStore } from './dynamodb-feedback-store.js';
import { entryOf, type LearnedOfAnswer } from './entry.js';
import { facetsOf } from './facets.js';

const setUp = async () => {
  const table = await freshTable();
  const store = new DynamoDbFeedbackStore(table.client, table.tableName);
  /** The entries of one facet of November 2026, newest first, as the table holds them. */
  const inFacet = async (facet: string) => {
    const { Items = [] } = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: answerListPartition('nps', '2026-11', facet) } },
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => unmarshall(item));
  };
  /** Lists Ana's answer as it stands, with what was learned of it, as the reactor does: nothing of before. */
  const change = (answer: Response | null, learned: LearnedOfAnswer = {}) =>
    store.keep(aResponse().invitationId, answer ? entryOf(answer, learned) : null);
  /** Every BatchWriteItem the store sends from now on fails, until `heal`. */
  let failing = false;
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (failing && context.commandName === 'BatchWriteItemCommand') throw new Error('throttled');
      return next(args);
    },
    { step: 'initialize', name: 'failBatches' },
  );
  const breakBatches = () => {
    failing = true;
  };
  const heal = () => {
    failing = false;
  };
  const marker = () => readItem(table.client, table.tableName, listingMarkerKey(aResponse().invitationId));
  /** Every facet of November that holds Ana's answer. */
  const facetsHolding = async (facets: string[]) =>
    (
      await Promise.all(facets.map(async (facet) => ((await inFacet(facet)).length > 0 ? [facet] : [])))
    ).flat();
  return { store, inFacet, change, facetsHolding, breakBatches, heal, marker };
};

/** What comment analysis may learn of Ana's comment. */
const LABELS: LearnedOfAnswer = { sentiment: 'negative', topics: ['waiting', 'staff'] };
const RELABELLED: LearnedOfAnswer = { sentiment: 'mixed', topics: ['price'] };

const ALL_FACETS_OF_ANA = [
  ...new Set([
    ...facetsOf(entryOf(aResponse({ agent: 'agent-7' }), LABELS)),
    ...facetsOf(entryOf(aResponse({ agent: 'agent-7' }), RELABELLED)),
    ...facetsOf(entryOf(aResponse({ agent: 'agent-7', score: 8 }), LABELS)),
    ...facetsOf(entryOf(aResponse({ agent: 'agent-7', suspect: true }))),
  ]),
];

describe('DynamoDbFeedbackStore', () => {
  it('moves an answer whose category changed, told only how it stands now', async () => {
    // Prepare
    const { change, inFacet, facetsHolding } = await setUp();
    const detractor = aResponse({ agent: 'agent-7' });
    const passive = { ...detractor, score: 8, updatedAt: '2026-11-26T10:16:00.000Z' };
    await change(detractor);

    // Act
    await change(passive);

    // Assess
    expect(await inFacet('category=detractor')).toEqual([]);
    expect(await inFacet('team=billing&category=detractor&hasComment=true')).toEqual([]);
    expect(await inFacet('category=passive')).toMatchObject([{ score: 8, category: 'passive' }]);
    expect(await inFacet('all')).toMatchObject([{ score: 8, updatedAt: '2026-11-26T10:16:00.000Z' }]);
    expect((await facetsHolding(ALL_FACETS_OF_ANA)).sort()).toEqual(facetsOf(entryOf(passive)).sort());
  });

  it('adds the sentiment and topic facets when labels come after the answer was listed', async () => {
    const { change, inFacet, facetsHolding } = await setUp();
    const answer = aResponse({ agent: 'agent-7' });
    await change(answer);
    const beforeLabels = await inFacet('sentiment=negative');

    await change(answer, LABELS);

    expect(beforeLabels).toEqual([]);
    expect(await inFacet('sentiment=negative')).toMatchObject([
      { sentiment: 'negative', topics: ['waiting', 'staff'] },
    ]);
    expect(await inFacet('topic=waiting')).toHaveLength(1);
    expect(await inFacet('team=billing&category=detractor&topic=staff')).toHaveLength(1);
    expect(await inFacet('all')).toMatchObject([{ sentiment: 'negative' }]);
    expect((await facetsHolding(ALL_FACETS_OF_ANA)).sort()).toEqual(facetsOf(entryOf(answer, LABELS)).sort());
  });

  it('moves an answer whose labels changed out of the sentiment and topics it lost', async () => {
    const { change, inFacet, facetsHolding } = await setUp();
    const answer = aResponse({ agent: 'agent-7' });
    await change(answer, LABELS);

    await change(answer, RELABELLED);

    expect(await inFacet('sentiment=negative')).toEqual([]);
    expect(await inFacet('topic=waiting')).toEqual([]);
    expect(await inFacet('agent=agent-7&topic=staff')).toEqual([]);
    expect(await inFacet('sentiment=mixed')).toHaveLength(1);
    expect(await inFacet('channel=phone&category=detractor&topic=price')).toHaveLength(1);
    expect((await facetsHolding(ALL_FACETS_OF_ANA)).sort()).toEqual(
      facetsOf(entryOf(answer, RELABELLED)).sort(),
    );
  });

  it('takes an answer out of every comment facet when its comment is removed, labels and all', async () => {
    const { change, inFacet, facetsHolding } = await setUp();
    const commented = aResponse({ agent: 'agent-7' });
    const uncommented = { ...commented, comment: '' };
    await change(commented, LABELS);

    await change(uncommented, LABELS);
    const withoutComment = await facetsHolding(ALL_FACETS_OF_ANA);
    await change(commented, LABELS);

    expect(withoutComment.sort()).toEqual(facetsOf(entryOf(uncommented)).sort());
    expect(withoutComment.filter((facet) => /hasComment|sentiment|topic/.test(facet))).toEqual([]);
    expect(await inFacet('hasComment=true')).toMatchObject([{ comment: 'the wait was awful' }]);
    expect(await inFacet('topic=waiting')).toHaveLength(1);
    expect(await inFacet('all')).toHaveLength(1);
  });

  it('takes an answer out of the sentiment and topic facets when its labels are dropped', async () => {
    const { change, inFacet, facetsHolding } = await setUp();
    const answer = aResponse({ agent: 'agent-7' });
    await change(answer, LABELS);

    await change(answer);

    expect(await inFacet('sentiment=negative')).toEqual([]);
    expect(await inFacet('topic=staff')).toEqual([]);
    expect(await inFacet('hasComment=true')).toHaveLength(1);
    expect((await facetsHolding(ALL_FACETS_OF_ANA)).sort()).toEqual(facetsOf(entryOf(answer)).sort());
  });

  it('lists a suspect answer only under suspect=true, and moves it out when it is released', async () => {
    const { change, inFacet } = await setUp();
    const suspect = aResponse({ suspect: true });
    const released = { ...suspect, suspect: false, updatedAt: '2026-11-26T10:20:00.000Z' };
    await change(suspect);
    const heldListing = [await inFacet('all'), await inFacet('suspect=true')];

    await change(released);

    expect(heldListing[0]).toEqual([]);
    expect(heldListing[1]).toMatchObject([{ suspect: true }]);
    expect(await inFacet('suspect=true')).toEqual([]);
    expect(await inFacet('all')).toMatchObject([{ suspect: false }]);
  });

  it('lands where one delivery did however often a change is delivered, in order', async () => {
    const { change, inFacet, facetsHolding } = await setUp();
    const first = aResponse({ agent: 'agent-7' });
    const changed = { ...first, score: 8, comment: '', updatedAt: '2026-11-26T10:16:00.000Z' };

    await change(first, LABELS);
    await change(changed);
    await change(first, LABELS);
    await change(changed);
    await change(changed);

    expect((await facetsHolding(ALL_FACETS_OF_ANA)).sort()).toEqual(facetsOf(entryOf(changed)).sort());
    expect(await inFacet('all')).toMatchObject([{ score: 8, comment: null }]);
  });

  it('finishes a keep that failed part-way when it is retried, leaving no copy behind', async () => {
    // Prepare: the move's writes fail, after its marker was read
    const { change, inFacet, facetsHolding, breakBatches, heal, marker } = await setUp();
    const detractor = aResponse({ agent: 'agent-7' });
    const passive = { ...detractor, score: 8, updatedAt: '2026-11-26T10:16:00.000Z' };
    await change(detractor, LABELS);
    breakBatches();

    // Act
    const failed = await change(passive, LABELS).then(
      () => null,
      (error: unknown) => error,
    );
    const markedAfterFailure = (await marker())?.facets;
    heal();
    await change(passive, LABELS);

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(markedAfterFailure).toEqual(facetsOf(entryOf(detractor, LABELS)));
    expect(await inFacet('category=detractor&topic=waiting')).toEqual([]);
    expect((await facetsHolding(ALL_FACETS_OF_ANA)).sort()).toEqual(
      facetsOf(entryOf(passive, LABELS)).sort(),
    );
    expect((await marker())?.facets).toEqual(facetsOf(entryOf(passive, LABELS)));
  });

  it('takes a removed answer out of every facet, and forgets what it listed', async () => {
    const { change, facetsHolding, marker } = await setUp();
    const answer = aResponse({ agent: 'agent-7' });
    await change(answer, LABELS);
    const listed = await marker();

    await change(null);
    await change(null);

    expect(listed).toMatchObject({ survey: 'nps', answeredAt: answer.answeredAt });
    expect(await facetsHolding(ALL_FACETS_OF_ANA)).toEqual([]);
    expect(await marker()).toBeNull();
  });

  it("keeps the customer's name, contacts and id out of the listing", async () => {
    const { change, inFacet } = await setUp();

    await change(
      aResponse({ customerName: 'Ana', customerEmail: 'ana@example.com', customerPhone: '+14155550100' }),
    );

    const [item] = await inFacet('all');
    expect(Object.keys(item ?? {}).sort()).toEqual(
      [
        'pk',
        'sk',
        'type',
        'interactionId',
        'survey',
        'score',
        'category',
        'comment',
        'answeredAt',
        'updatedAt',
        'team',
        'channel',
        'touchpoint',
        'suspect',
      ].sort(),
    );
  });
});
