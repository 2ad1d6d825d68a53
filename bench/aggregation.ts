import { performance } from 'node:perf_hooks';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ensureTable, LOCAL_AWS } from '../infra/local/dynamodb-local.js';
import { type AggregatorInput, aggregateResponses } from '../lib/aggregates/aggregate-responses.js';
import { DynamoDbAggregateStore } from '../lib/aggregates/dynamodb-aggregate-store.js';
import type { ResponseChange } from '../lib/aggregates/fold.js';
import { aggregatePartition } from '../lib/platform/table-design.js';
import { segmentsOf } from '../lib/surveys/segments.js';
import { meterCapacity } from './consumed-capacity.js';
import { foldInMemory } from './fold-in-memory.js';

/** A reproducible stream of new answers spread over five segment dimensions. */
const answers = (count: number, seed = 7): ResponseChange[] => {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
  return Array.from({ length: count }, (_, i) => ({
    sequenceNumber: String(1_000_000 + i),
    before: null,
    after: {
      survey: 'nps',
      day: '2026-11-26',
      score: next(11),
      segments: {
        team: `team-${next(5)}`,
        agent: `agent-${next(20)}`,
        channel: ['phone', 'chat', 'email', 'store'][next(4)] as string,
        touchpoint: `touchpoint-${next(3)}`,
      },
    },
  }));
};

export interface AggregationFigures {
  wcuPerResponse: number;
  naiveWcuPerResponse: number;
  bucketsPerBatch: number;
  recordsPerSecond: number;
}

/**
 * Write units per response, fences included, at batch size 100, measured with ReturnConsumedCapacity
 * on DynamoDB Local; beside the naive design (one counter update per record per segment) on the same
 * answers in the same run.
 */
export const measureAggregationWrites = async (
  endpoint: string,
  batches = 10,
): Promise<Omit<AggregationFigures, 'recordsPerSecond'>> => {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  const meter = meterCapacity(client);
  const tableName = `bench-aggregation-${Date.now()}`;
  await ensureTable(client, tableName);
  const store = new DynamoDbAggregateStore(client, tableName);
  const changes = answers(batches * 100);
  let buckets = 0;

  meter.reset();
  for (let b = 0; b < batches; b += 1) {
    const batch = changes.slice(b * 100, (b + 1) * 100);
    const inputs: AggregatorInput[] = batch.map((change) => ({
      sequenceNumber: change.sequenceNumber,
      kind: 'change',
      change,
    }));
    const result = await aggregateResponses('shardId-bench', inputs, {
      aggregates: store,
      clock: { now: () => new Date() },
    });
    buckets += result.written;
  }
  const wcu = meter.writeUnits;

  meter.reset();
  for (const change of changes) {
    const after = change.after;
    if (!after) continue;
    for (const segment of segmentsOf(after.segments)) {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: marshall({ pk: `NAIVE#${aggregatePartition('nps', segment)}`, sk: after.day }),
          UpdateExpression: 'ADD #c :one',
          ExpressionAttributeNames: { '#c': `c${after.score}` },
          ExpressionAttributeValues: marshall({ ':one': 1 }),
        }),
      );
    }
  }
  const naive = meter.writeUnits;
  client.destroy();
  return {
    wcuPerResponse: wcu / changes.length,
    naiveWcuPerResponse: naive / changes.length,
    bucketsPerBatch: buckets / batches,
  };
};

/** Records folded per second on one core: parsing excluded, the fold and the fence logic included. */
export const measureFoldThroughput = async (records = 200_000): Promise<number> => {
  foldInMemory(answers(20_000, 3), 100, 'shard');
  const changes = answers(records, 11);
  const started = performance.now();
  foldInMemory(changes, 100, 'shard');
  return records / ((performance.now() - started) / 1000);
};
