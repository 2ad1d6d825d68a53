import { describe, expect, it } from 'vitest';
import type { AggregateStore } from '../lib/aggregates/ports.js';
import { freshStores } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { createHandler } from './aggregate-responses.js';

const setup = async () => {
  const { aggregates } = await freshStores();
  const handler = createHandler({ aggregates, clock: clockAt('2026-11-26T10:20:00Z') });
  return { handler, aggregates };
};

const overall = async (aggregates: AggregateStore) =>
  (await aggregates.range('nps', null, '2026-11-26', '2026-11-26'))[0]?.histogram;

describe('aggregate-responses', () => {
  it('reports the poison record and everything after it, having applied what came before', async () => {
    const { handler, aggregates } = await setup();
    const event = {
      ...loadEvent('dynamodb-stream/response-batch-with-poison.json'),
      shardId: 'shardId-1',
      state: {},
    };

    const result = await handler(event, context());

    expect(result).toEqual({
      state: {},
      batchItemFailures: [
        { itemIdentifier: '4421584500000000017450439098' },
        { itemIdentifier: '4421584500000000017450439099' },
      ],
    });
    expect(await overall(aggregates)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('fails the invocation when the first record is unreadable, so that Lambda bisects the batch', async () => {
    const { handler, aggregates } = await setup();
    const batch = loadEvent('dynamodb-stream/response-batch-with-poison.json');
    const event = { ...batch, Records: batch.Records.slice(1), shardId: 'shardId-1', state: {} };

    await expect(handler(event, context())).rejects.toThrow(/score/);
    expect(await overall(aggregates)).toBeUndefined();
  });

  it('counts a batch delivered twice once', async () => {
    const { handler, aggregates } = await setup();
    const event = { ...loadEvent('dynamodb-stream/response-insert.json'), shardId: 'shardId-1', state: {} };

    await handler(event, context());
    await handler(structuredClone(event), context());

    expect(await overall(aggregates)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('leaves the counts alone when the time to live removes a raw answer', async () => {
    const { handler, aggregates } = await setup();
    await handler(
      { ...loadEvent('dynamodb-stream/response-insert.json'), shardId: 's', state: {} },
      context(),
    );

    await handler(
      { ...loadEvent('dynamodb-stream/response-expired-by-ttl.json'), shardId: 's', state: {} },
      context(),
    );

    expect(await overall(aggregates)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('fails the whole batch when the event has no shard id, rather than counting without a fence', async () => {
    const { handler } = await setup();

    await expect(handler(loadEvent('dynamodb-stream/response-insert.json'), context())).rejects.toThrow(
      /shardId/,
    );
  });
});
