import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { aResponse } from '../../test/support/samples.js';
import type { Response } from '../invitations/response.js';
import { answerListPartition } from '../platform/table-design.js';
import { DynamoDbFeedbackStore } from './dynamodb-feedback-store.js';
import { entryOf } from './entry.js';
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
  /** Lists `after` as the reactor does for a change from `before`. */
  const change = (before: Response | null, after: Response | null) =>
    store.keep(
      (after ?? before)?.invitationId as string,
      after ? entryOf(after) : null,
      before ? entryOf(before) : null,
    );
  /** Every facet of November that holds Ana's answer. */
  const facetsHolding = async (facets: string[]) =>
    (
      await Promise.all(facets.map(async (facet) => ((await inFacet(facet)).length > 0 ? [facet] : [])))
    ).flat();
  return { store, inFacet, change, facetsHolding };
};

const ALL_FACETS_OF_ANA = [
  ...facetsOf(entryOf(aResponse({ agent: 'agent-7' }))),
  ...facetsOf(entryOf(aResponse({ agent: 'agent-7', score: 8 }))),
  ...facetsOf(entryOf(aResponse({ agent: 'agent-7', suspect: true }))),
];

describe('DynamoDbFeedbackStore', () => {
  it('moves an answer whose category changed, leaving it listed once in each facet it is in', async () => {
    const { change, inFacet, facetsHolding } = await setUp();
    const detractor = aResponse({ agent: 'agent-7' });
    const passive = { ...detractor, score: 8, updatedAt: '2026-11-26T10:16:00.000Z' };
    await change(null, detractor);

    await change(detractor, passive);

    expect(await inFacet('category=detractor')).toEqual([]);
    expect(await inFacet('team=billing&category=detractor&hasComment=true')).toEqual([]);
    expect(await inFacet('category=passive')).toMatchObject([{ score: 8, category: 'passive' }]);
    expect(await inFacet('all')).toMatchObject([{ score: 8, updatedAt: '2026-11-26T10:16:00.000Z' }]);
    expect((await facetsHolding([...new Set(ALL_FACETS_OF_ANA)])).sort()).toEqual(
      facetsOf(entryOf(passive)).sort(),
    );
  });

  it('takes an answer out of the comment facets when its comment is removed, and back when one comes', async () => {
    const { change, inFacet } = await setUp();
    const commented = aResponse();
    const uncommented = { ...commented, comment: '' };
    await change(null, commented);

    await change(commented, uncommented);
    const withoutComment = await inFacet('hasComment=true');
    await change(uncommented, commented);

    expect(withoutComment).toEqual([]);
    expect(await inFacet('hasComment=true')).toMatchObject([{ comment: 'the wait was awful' }]);
    expect(await inFacet('all')).toHaveLength(1);
  });

  it('lists a suspect answer only under suspect=true, and moves it out when it is released', async () => {
    const { change, inFacet } = await setUp();
    const suspect = aResponse({ suspect: true });
    const released = { ...suspect, suspect: false, updatedAt: '2026-11-26T10:20:00.000Z' };
    await change(null, suspect);
    const heldListing = [await inFacet('all'), await inFacet('suspect=true')];

    await change(suspect, released);

    expect(heldListing[0]).toEqual([]);
    expect(heldListing[1]).toMatchObject([{ suspect: true }]);
    expect(await inFacet('suspect=true')).toEqual([]);
    expect(await inFacet('all')).toMatchObject([{ suspect: false }]);
  });

  it('lands where one delivery did however often a change is delivered, in order', async () => {
    const { change, inFacet, facetsHolding } = await setUp();
    const first = aResponse({ agent: 'agent-7' });
    const changed = { ...first, score: 8, comment: '', updatedAt: '2026-11-26T10:16:00.000Z' };

    await change(null, first);
    await change(first, changed);
    await change(null, first);
    await change(first, changed);

    expect((await facetsHolding([...new Set(ALL_FACETS_OF_ANA)])).sort()).toEqual(
      facetsOf(entryOf(changed)).sort(),
    );
    expect(await inFacet('all')).toMatchObject([{ score: 8, comment: null }]);
  });

  it('takes a removed answer out of every facet', async () => {
    const { change, facetsHolding } = await setUp();
    const answer = aResponse({ agent: 'agent-7' });
    await change(null, answer);

    await change(answer, null);

    expect(await facetsHolding([...new Set(ALL_FACETS_OF_ANA)])).toEqual([]);
  });

  it("keeps the customer's name, contacts and id out of the listing", async () => {
    const { change, inFacet } = await setUp();

    await change(
      null,
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
