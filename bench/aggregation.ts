import { performance } from 'node:perf_hooks';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ensureTable, LOCAL_AWS } from '../infra/local/dynamodb-local.js';
import { FUNCTIONS } from '../infra/wiring.js';
import { type AggregatorInput, aggregateResponses } from '../lib/aggregates/aggregate-responses.js';
import { DynamoDbAggregateStore } from '../lib/aggregates/dynamodb-aggregate-store.js';
import type { CountChange } from '../lib/aggregates/fold.js';
import { aggregatePartition } from '../lib/platform/table-design.js';
import { segmentsOf } from '../lib/surveys/segments.js';
import { meterCapacity } from './consumed-capacity.js';
import { foldInMemory } from './fold-in-memory.js';

/** A reproducible stream of new answers spread over five segment dimensions. */
const answers = (count: number, seed = 7): CountChange[] => {
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

const aggregator = FUNCTIONS.find((spec) => spec.name === 'aggregate-responses')?.trigger;
/** The batch size the fold is deployed with. */
const AGGREGATOR_BATCH_SIZE = aggregator?.kind === 'stream' ? aggregator.batchSize : 100;

/**
 * The stream of those answers as the table writes it: each answer's invitation arrives (`received`)
 * and goes out (`sent`) before it is answered, three records per answer, all counted by the fold.
 */
const withTheirInvitations = (changes: readonly CountChange[]): CountChange[] =>
  changes.flatMap((change, i) => {
    const after = change.after;
    if (!after) return [change];
    const step = (stage: string) => ({
      survey: after.survey,
      day: after.day,
      segments: after.segments,
      counts: { [stage]: 1 },
    });
    return [
      { sequenceNumber: String(3 * i + 1), before: null, after: null, counts: [step('received')] },
      { sequenceNumber: String(3 * i + 2), before: null, after: null, counts: [step('sent')] },
      { ...change, sequenceNumber: String(3 * i + 3) },
    ];
  });

export interface AggregationFigures {
  wcuPerResponse: number;
  wcuPerRecord: number;
  naiveWcuPerResponse: number;
  bucketsPerBatch: number;
  recordsPerSecond: number;
}

/**
 * Write units per response, fences and registry included, for a stream of answers each after its
 * invitation's `received` and `sent` records, in batches of `batchSize` records (the fold's, by
 * default), measured with ReturnConsumedCapacity on DynamoDB Local; beside the naive design (one
 * counter update per record per segment) on a tenth of the same records in the same run.
 */
export const measureAggregationWrites = async (
  endpoint: string,
  batchSize = AGGREGATOR_BATCH_SIZE,
  responses = 3_000,
  { withInvitations = true }: { withInvitations?: boolean } = {},
): Promise<Omit<AggregationFigures, 'recordsPerSecond'>> => {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  const meter = meterCapacity(client);
  const tableName = `bench-aggregation-${Date.now()}`;
  await ensureTable(client, tableName);
  const store = new DynamoDbAggregateStore(client, tableName);
  const changes = answers(responses);
  const records = withInvitations ? withTheirInvitations(changes) : changes;
  const batches = Math.ceil(records.length / batchSize);
  let buckets = 0;

  meter.reset();
  for (let b = 0; b < batches; b += 1) {
    const batch = records.slice(b * batchSize, (b + 1) * batchSize);
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

  // The naive design costs the same per record however many there are: a tenth of them tells it.
  const sample = records.slice(0, Math.ceil(records.length / 10));
  meter.reset();
  for (const record of sample) {
    const counted = [
      ...(record.after ? [{ ...record.after, counter: `c${record.after.score}` }] : []),
      ...(record.counts ?? []).flatMap((delta) =>
        Object.keys(delta.counts).map((counter) => ({ ...delta, counter })),
      ),
    ];
    for (const { survey, day, segments, counter } of counted) {
      for (const segment of segmentsOf(segments)) {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: marshall({ pk: `NAIVE#${aggregatePartition(survey, segment)}`, sk: day }),
            UpdateExpression: 'ADD #c :one',
            ExpressionAttributeNames: { '#c': counter },
            ExpressionAttributeValues: marshall({ ':one': 1 }),
          }),
        );
      }
    }
  }
  const naive = meter.writeUnits;
  client.destroy();
  return {
    wcuPerResponse: wcu / changes.length,
    wcuPerRecord: wcu / records.length,
    naiveWcuPerResponse: (naive / sample.length) * (records.length / changes.length),
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
