import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, LOCAL_AWS } from '../infra/local/dynamodb-local.js';
import { aggregateResponses } from '../lib/aggregates/aggregate-responses.js';
import { DynamoDbAggregateStore } from '../lib/aggregates/dynamodb-aggregate-store.js';
import type { CountChange } from '../lib/aggregates/fold.js';
import { readBreakdown } from '../lib/aggregates/read-breakdown.js';
import { addDays } from '../lib/surveys/window.js';
import { meterCapacity } from './consumed-capacity.js';

const TODAY = '2026-11-26';
const AGENTS = 20;

/**
 * Read units of a 30-day breakdown by agent with 20 agents, each answering every day (DynamoDB Local's
 * `ReturnConsumedCapacity`): the registry's one query, then one query per agent over its day buckets.
 */
export const measureBreakdownReads = async (endpoint: string): Promise<{ rru30d: number; rows: number }> => {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  const meter = meterCapacity(client);
  const tableName = `bench-breakdown-${Date.now()}`;
  await ensureTable(client, tableName);
  const aggregates = new DynamoDbAggregateStore(client, tableName);
  const clock = { now: () => new Date(`${TODAY}T12:00:00.000Z`) };
  let sequence = 0;
  for (let day = 0; day < 30; day += 1) {
    const changes: CountChange[] = Array.from({ length: AGENTS * 3 }, (_, i) => ({
      sequenceNumber: String(sequence + i + 1),
      before: null,
      after: {
        survey: 'nps',
        day: addDays(TODAY, -day),
        score: (i * 7 + day) % 11,
        segments: {
          team: `team-${i % 4}`,
          channel: 'phone',
          touchpoint: 'support-ticket',
          agent: `agent-${i % AGENTS}`,
        },
      },
    }));
    sequence += changes.length;
    await aggregateResponses(
      'shardId-bench',
      changes.map((change) => ({ sequenceNumber: change.sequenceNumber, kind: 'change' as const, change })),
      { aggregates, clock },
    );
  }
  meter.reset();
  const answer = await readBreakdown(
    { survey: 'nps', window: '30d', by: 'agent' },
    { aggregates: new DynamoDbAggregateStore(client, tableName), clock, minSample: 30 },
  );
  const rru30d = meter.readUnits;
  client.destroy();
  return { rru30d, rows: answer.segments.length };
};
