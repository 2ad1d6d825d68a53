import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, LOCAL_AWS } from '../infra/local/dynamodb-local.js';
import { type AggregatorInput, aggregateResponses } from '../lib/aggregates/aggregate-responses.js';
import { DynamoDbAggregateStore } from '../lib/aggregates/dynamodb-aggregate-store.js';
import { WRITE_SLOTS, writeSlotOf } from '../lib/aggregates/fold.js';
import type { AggregateStore } from '../lib/aggregates/ports.js';

export interface ContentionFigures {
  shards: number;
  conflictsPerWriteOneSlot: number;
  conflictsPerWriteSpread: number;
  responsesPerSecondOneSlot: number;
  responsesPerSecondSpread: number;
}

/** Shard ids that land in the given slots, in turn. */
const shardIds = (count: number, slots: number[]): string[] => {
  const ids: string[] = [];
  for (let i = 0; ids.length < count; i += 1) {
    const id = `shardId-${String(i).padStart(20, '0')}`;
    if (writeSlotOf(id) === slots[ids.length % slots.length]) ids.push(id);
  }
  return ids;
};

const run = async (endpoint: string, shards: string[], batches: number) => {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  const tableName = `bench-contention-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  await ensureTable(client, tableName);
  const store = new DynamoDbAggregateStore(client, tableName);
  let writes = 0;
  let conflicts = 0;
  const counted: AggregateStore = {
    read: (buckets) => store.read(buckets),
    write: async (bucket, state, expected) => {
      const ok = await store.write(bucket, state, expected);
      writes += 1;
      if (!ok) conflicts += 1;
      return ok;
    },
    range: (...args) => store.range(...args),
    register: (...args) => store.register(...args),
    values: (...args) => store.values(...args),
  };
  const started = performance.now();
  await Promise.all(
    shards.map(async (shardId, s) => {
      for (let b = 0; b < batches; b += 1) {
        // Every answer of every shard lands in the same day's overall bucket: the hottest item there is.
        const inputs: AggregatorInput[] = Array.from({ length: 100 }, (_, i) => {
          const sequenceNumber = String((b * 100 + i + 1) * 10 + s);
          return {
            sequenceNumber,
            kind: 'change',
            change: {
              sequenceNumber,
              before: null,
              after: {
                survey: 'nps',
                day: '2026-11-26',
                score: i % 11,
                segments: { team: 't', channel: 'c', touchpoint: 'p' },
              },
            },
          };
        });
        const result = await aggregateResponses(shardId, inputs, {
          aggregates: counted,
          clock: { now: () => new Date() },
          maxAttempts: 50,
        });
        if (result.failed.length > 0) throw new Error(`contention bench: ${result.failed[0]?.reason}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  return {
    conflictsPerWrite: conflicts / writes,
    responsesPerSecond: (shards.length * batches * 100) / seconds,
  };
};

/**
 * Several shards folding batches into the same hot day bucket at once, on DynamoDB Local: conditional
 * write conflicts per write and throughput when every shard hashes to one write slot, against shards
 * spread over the slots. Absolute rates are the local machine's; the ratio is the point.
 */
export const measureContention = async (
  endpoint: string,
  shards = 8,
  batches = 15,
): Promise<ContentionFigures> => {
  const oneSlot = await run(endpoint, shardIds(shards, [0]), batches);
  const spread = await run(
    endpoint,
    shardIds(
      shards,
      Array.from({ length: WRITE_SLOTS }, (_, i) => i),
    ),
    batches,
  );
  return {
    shards,
    conflictsPerWriteOneSlot: oneSlot.conflictsPerWrite,
    conflictsPerWriteSpread: spread.conflictsPerWrite,
    responsesPerSecondOneSlot: oneSlot.responsesPerSecond,
    responsesPerSecondSpread: spread.responsesPerSecond,
  };
};
