import { BatchWriteItemCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ensureTable, LOCAL_AWS } from '../infra/local/dynamodb-local.js';
import { DynamoDbAggregateStore } from '../lib/aggregates/dynamodb-aggregate-store.js';
import { readMetrics } from '../lib/aggregates/read-metrics.js';
import type { Response } from '../lib/invitations/response.js';
import { responseKey } from '../lib/platform/table-design.js';
import { addDays } from '../lib/surveys/window.js';
import { meterCapacity } from './consumed-capacity.js';
import { foldInMemory } from './fold-in-memory.js';

const TODAY = '2026-11-26';
const NOW = new Date(`${TODAY}T12:00:00Z`);

const responseOf = (i: number): Response => ({
  invitationId: `inv-${String(i).padStart(7, '0')}`,
  interactionId: `zd-${i}`,
  survey: 'nps',
  score: (i * 7) % 11,
  comment: i % 3 === 0 ? 'The agent was helpful but the wait was long.' : '',
  suspect: false,
  day: addDays(TODAY, -(i % 30)),
  answeredAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  team: `team-${i % 5}`,
  channel: ['phone', 'chat', 'email', 'store'][i % 4] as string,
  touchpoint: `touchpoint-${i % 3}`,
  agent: `agent-${i % 20}`,
  customerId: `c-${i}`,
  customerName: 'Ana Example',
  customerEmail: `customer-${i}@example.com`,
  attributes: { ticketUrl: `https://helpdesk.example.com/t/${i}` },
});

/** Stores the buckets that `count` answers over the last 30 days produce, folded in memory. */
const storeBuckets = async (store: DynamoDbAggregateStore, count: number) => {
  const changes = Array.from({ length: count }, (_, i) => {
    const r = responseOf(i);
    return {
      sequenceNumber: String(i + 1),
      before: null,
      after: {
        survey: r.survey,
        day: r.day,
        score: r.score,
        segments: { team: r.team, channel: r.channel, touchpoint: r.touchpoint, agent: r.agent },
      },
    };
  });
  const all = [...foldInMemory(changes, 1000, 'bench').values()];
  for (let i = 0; i < all.length; i += 16) {
    await Promise.all(all.slice(i, i + 16).map(({ bucket, state }) => store.write(bucket, state, 0)));
  }
};

const storeResponses = async (client: DynamoDBClient, tableName: string, from: number, to: number) => {
  const chunks: number[][] = [];
  for (let i = from; i < to; i += 25)
    chunks.push(Array.from({ length: Math.min(25, to - i) }, (_, k) => i + k));
  for (let c = 0; c < chunks.length; c += 8) {
    await Promise.all(
      chunks.slice(c, c + 8).map(async (ids) => {
        let items = ids.map((i) => ({
          PutRequest: {
            Item: marshall(
              { ...responseOf(i), ...responseKey(responseOf(i).invitationId) },
              { removeUndefinedValues: true },
            ),
          },
        }));
        while (items.length > 0) {
          const { UnprocessedItems } = await client.send(
            new BatchWriteItemCommand({ RequestItems: { [tableName]: items } }),
          );
          items = (UnprocessedItems?.[tableName] ?? []) as typeof items;
        }
      }),
    );
  }
};

/** Read units of a full eventually consistent scan: recomputing a score from the stored answers. */
const scanUnits = async (
  client: DynamoDBClient,
  tableName: string,
  meter: ReturnType<typeof meterCapacity>,
) => {
  meter.reset();
  let start: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    start = page.LastEvaluatedKey;
  } while (start);
  return meter.readUnits;
};

/**
 * An item's size by DynamoDB's rules: attribute names plus values; strings by UTF-8 bytes, numbers by
 * about one byte per two significant digits plus one, booleans one byte, maps and lists three bytes plus
 * one per element plus their contents.
 */
export const itemSize = (value: unknown): number => {
  const sizeOf = (v: unknown): number => {
    if (typeof v === 'string') return Buffer.byteLength(v);
    if (typeof v === 'number')
      return Math.ceil(String(Math.abs(v)).replace(/[.-]/g, '').replace(/^0+/, '').length / 2) + 1;
    if (typeof v === 'boolean' || v === null) return 1;
    if (Array.isArray(v)) return 3 + v.reduce((sum: number, e) => sum + 1 + sizeOf(e), 0);
    if (typeof v === 'object') {
      return (
        3 + Object.entries(v as object).reduce((sum, [k, e]) => sum + 1 + Buffer.byteLength(k) + sizeOf(e), 0)
      );
    }
    return 0;
  };
  return Object.entries(value as object).reduce(
    (sum, [k, v]) => (v === undefined ? sum : sum + Buffer.byteLength(k) + sizeOf(v)),
    0,
  );
};

/** Eventually consistent read units to scan `count` stored answers, computed by AWS's 4 KB rounding per 1 MB page. */
export const computedScanUnits = (count: number): number => {
  let units = 0;
  let page = 0;
  for (let i = 0; i < count; i += 1) {
    const r = responseOf(i);
    const size = itemSize({ ...r, ...responseKey(r.invitationId) });
    if (page + size > 1024 * 1024) {
      units += Math.ceil(page / 4096) / 2;
      page = 0;
    }
    page += size;
  }
  return units + Math.ceil(page / 4096) / 2;
};

export interface ReadFigures {
  rru10k: number;
  rru100k: number;
  /** Measured: a scan of 10,000 stored answers. */
  recomputeRru10k: number;
  /** The same rule as `computedRecomputeRru10k`, at 100,000. */
  recomputeRru100k: number;
  /** AWS's rounding rule applied to the 10,000 answers' sizes, to check the rule against the measurement. */
  computedRecomputeRru10k: number;
}

/**
 * Read units for one rolling 30-day score (the `GET /metrics` query over day buckets) with 10,000 and
 * 100,000 stored answers (DynamoDB Local's `ReturnConsumedCapacity`), beside reading the answers
 * themselves to recompute it: measured at 10,000, and computed from the answers' sizes by AWS's rounding
 * rule at 100,000 (storing 100,000 items in DynamoDB Local takes minutes), with the rule checked at 10,000.
 */
export const measureWindowReads = async (
  endpoint: string,
  sizes = [10_000, 100_000],
  log: (m: string) => void = () => {},
): Promise<ReadFigures> => {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  const meter = meterCapacity(client);
  const figures: Partial<ReadFigures> = {};
  for (const count of sizes) {
    const t0 = Date.now();
    const buckets = `bench-buckets-${count}-${Date.now()}`;
    const answers = `bench-answers-${count}-${Date.now()}`;
    await ensureTable(client, buckets);
    if (count === 10_000) await ensureTable(client, answers);
    const store = new DynamoDbAggregateStore(client, buckets);
    await storeBuckets(store, count);
    meter.reset();
    const answer = await readMetrics(
      { survey: 'nps', window: '30d' },
      { aggregates: store, clock: { now: () => NOW }, minSample: 30 },
    );
    if (answer.n !== count) throw new Error(`read ${answer.n} answers, stored ${count}`);
    const rru = meter.readUnits;
    log(`${count}: buckets and read in ${Date.now() - t0} ms`);
    if (count === 10_000) {
      await storeResponses(client, answers, 0, count);
      const recompute = await scanUnits(client, answers, meter);
      log(`${count}: answers stored and scanned in ${Date.now() - t0} ms`);
      Object.assign(figures, {
        rru10k: rru,
        recomputeRru10k: recompute,
        computedRecomputeRru10k: computedScanUnits(count),
      });
    } else {
      Object.assign(figures, { rru100k: rru, recomputeRru100k: computedScanUnits(count) });
    }
  }
  client.destroy();
  return figures as ReadFigures;
};
