import {
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../functions/aggregate-responses.js';
import { DynamoDbAggregateStore } from '../lib/aggregates/dynamodb-aggregate-store.js';
import { addHistograms, computeFigures, emptyHistogram, histogramOf } from '../lib/aggregates/formulas.js';
import type { AggregateStore } from '../lib/aggregates/ports.js';
import type { Response } from '../lib/invitations/response.js';
import { aggregatePartition } from '../lib/platform/table-design.js';
import { SCALES, SURVEYS, type Survey } from '../lib/surveys/scales.js';
import { DIMENSIONS, type Segment, segmentsOf } from '../lib/surveys/segments.js';
import { freshTable } from './support/dynamodb.js';
import { context } from './support/lambda.js';
import { between, pick, seededRandom } from './support/random.js';
import { type DeliveryOptions, deliverShard, readWholeStream, type ShardRecords } from './support/stream.js';

const DAYS = ['2026-11-24', '2026-11-25', '2026-11-26'] as const;
const TEAMS = ['billing', 'shipping', 'returns'] as const;
const AGENTS = ['agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5'] as const;
const CHANNELS = ['phone', 'chat', 'email'] as const;
const TOUCHPOINTS = ['support-ticket', 'delivery', 'checkout'] as const;
const NOW = new Date('2026-11-26T18:00:00Z');
const BATCH_SIZE = 7;

type Table = Awaited<ReturnType<typeof freshTable>>;

/** A response as the answer handlers put it in the table: the Response under its key. */
type ResponseItem = Response & { pk: string; sk: 'RESPONSE'; type: 'response' };

const scoreFor = (random: () => number, survey: Survey) =>
  between(random, SCALES[survey].min, SCALES[survey].max);

/**
 * Writes a realistic history of response items straight to the table, as the answer handlers would:
 * whole-item puts for new answers, changed scores (same day), comment-only changes, answers held as
 * suspect and later released, answers flagged suspect after the fact, and deletions on request. Every
 * write changes the item, so every write is one stream record. Answers the number of writes.
 */
const writeHistory = async ({ client, tableName }: Table, seed: number): Promise<number> => {
  const random = seededRandom(seed);
  const live = new Map<string, ResponseItem>();
  let writes = 0;
  let tick = 0;
  const stamp = (day: string) => {
    tick += 1;
    return `${day}T${String(8 + (Math.floor(tick / 60) % 12)).padStart(2, '0')}:${String(tick % 60).padStart(2, '0')}:00.000Z`;
  };
  const put = async (item: ResponseItem) => {
    await client.send(
      new PutItemCommand({ TableName: tableName, Item: marshall(item, { removeUndefinedValues: true }) }),
    );
    live.set(item.invitationId, item);
    writes += 1;
  };
  const remove = async (item: ResponseItem) => {
    await client.send(
      new DeleteItemCommand({ TableName: tableName, Key: marshall({ pk: item.pk, sk: item.sk }) }),
    );
    live.delete(item.invitationId);
    writes += 1;
  };
  const someLive = (filter: (item: ResponseItem) => boolean = () => true) => {
    const candidates = [...live.values()].filter(filter);
    return candidates.length > 0 ? pick(random, candidates) : undefined;
  };

  let next = 0;
  for (const [dayIndex, day] of DAYS.entries()) {
    for (let step = 0; step < 45; step += 1) {
      const roll = random();
      if (roll < 0.55 || live.size < 5) {
        next += 1;
        const survey = pick(random, SURVEYS);
        const answeredAt = stamp(day);
        const invitationId = `inv-${String(next).padStart(4, '0')}`;
        await put({
          pk: `INV#${invitationId}`,
          sk: 'RESPONSE',
          type: 'response',
          invitationId,
          interactionId: `zd-${next}`,
          survey,
          score: scoreFor(random, survey),
          comment: random() < 0.3 ? `first words ${next}` : '',
          suspect: random() < 0.1,
          day,
          answeredAt,
          updatedAt: answeredAt,
          team: pick(random, TEAMS),
          channel: pick(random, CHANNELS),
          touchpoint: pick(random, TOUCHPOINTS),
          ...(random() < 0.85 ? { agent: pick(random, AGENTS) } : {}),
          customerId: `c-${next}`,
        });
        continue;
      }
      // Changes are made on the current day but keep the day of the first answer.
      const now = stamp(DAYS[dayIndex] as string);
      if (roll < 0.7) {
        const item = someLive();
        if (!item) continue;
        let score = scoreFor(random, item.survey);
        if (score === item.score) score = score === SCALES[item.survey].max ? score - 1 : score + 1;
        await put({ ...item, score, updatedAt: now });
      } else if (roll < 0.8) {
        const item = someLive();
        if (item) await put({ ...item, comment: `${item.comment} and more ${tick}`.trim(), updatedAt: now });
      } else if (roll < 0.87) {
        const item = someLive((i) => i.suspect);
        if (item) await put({ ...item, suspect: false, updatedAt: now });
      } else if (roll < 0.92) {
        const item = someLive((i) => !i.suspect);
        if (item) await put({ ...item, suspect: true, updatedAt: now });
      } else {
        const item = someLive();
        if (item) await remove(item);
      }
    }
  }
  // Make sure the history holds a suspect answer released after the fact and a deletion of a changed answer.
  const held = someLive((i) => !i.suspect);
  if (held) {
    await put({ ...held, suspect: true, updatedAt: stamp('2026-11-26') });
    await put({ ...held, suspect: false, updatedAt: stamp('2026-11-26') });
  }
  const changed = someLive((i) => !i.suspect);
  if (changed) {
    await put({
      ...changed,
      score: changed.score === SCALES[changed.survey].min ? changed.score + 1 : changed.score - 1,
      updatedAt: stamp('2026-11-26'),
    });
    await remove(changed);
  }
  return writes;
};

const scanAll = async (client: DynamoDBClient, tableName: string): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/**
 * Every aggregate bucket of a table, `pk|day` → counts per score. A day may be stored as several items
 * (write slots, `<day>#<slot>`); they are added up, as readers do.
 */
const bucketsOf = async ({ client, tableName }: Table): Promise<Record<string, number[]>> => {
  const buckets: Record<string, number[]> = {};
  for (const item of await scanAll(client, tableName)) {
    // Day buckets only: a segment registry item (`AGG#<survey>#<dimension>`, keyed by value) has no counts.
    if (!String(item.pk).startsWith('AGG#') || !Array.isArray(item.h)) continue;
    const key = `${item.pk}|${String(item.sk).split('#')[0]}`;
    const histogram = item.h as number[];
    buckets[key] = buckets[key]?.map((count, i) => count + (histogram[i] ?? 0)) ?? histogram;
  }
  return Object.fromEntries(Object.entries(buckets).sort(([a], [b]) => a.localeCompare(b)));
};

const nonEmpty = (buckets: Record<string, number[]>) =>
  Object.fromEntries(Object.entries(buckets).filter(([, h]) => h.some((count) => count !== 0)));

/** The final answers of the source table, counted by hand: suspect answers count nowhere. */
const recountOf = async ({ client, tableName }: Table) => {
  const items = (await scanAll(client, tableName)).filter(
    (item) => item.sk === 'RESPONSE',
  ) as unknown as ResponseItem[];
  const counted = items.filter((item) => !item.suspect);
  const buckets: Record<string, number[]> = {};
  for (const item of counted) {
    for (const segment of segmentsOf(item)) {
      const key = `${aggregatePartition(item.survey, segment)}|${item.day}`;
      const histogram = buckets[key] ?? emptyHistogram(item.survey);
      histogram[item.score - SCALES[item.survey].min] =
        (histogram[item.score - SCALES[item.survey].min] ?? 0) + 1;
      buckets[key] = histogram;
    }
  }
  return {
    items,
    counted,
    buckets: Object.fromEntries(Object.entries(buckets).sort(([a], [b]) => a.localeCompare(b))),
  };
};

const matches = (item: ResponseItem, segment: Segment) =>
  segment === null || (item as unknown as Record<string, unknown>)[segment.dimension] === segment.value;

/** An aggregate store whose writes fail now and then: before the write, or after it took effect. */
class FlakyAggregateStore implements AggregateStore {
  failures = 0;
  constructor(
    private readonly inner: AggregateStore,
    private readonly random: () => number,
    private readonly rate: number,
  ) {}
  read: AggregateStore['read'] = (buckets) => this.inner.read(buckets);
  range: AggregateStore['range'] = (...args) => this.inner.range(...args);
  values: AggregateStore['values'] = (...args) => this.inner.values(...args);
  register: AggregateStore['register'] = async (survey, segment) => {
    if (this.random() < this.rate) {
      this.failures += 1;
      throw new Error('ProvisionedThroughputExceededException (injected, registry)');
    }
    return this.inner.register(survey, segment);
  };
  write: AggregateStore['write'] = async (bucket, state, expectedVersion) => {
    if (this.random() < this.rate) {
      this.failures += 1;
      if (this.random() < 0.5) throw new Error('ProvisionedThroughputExceededException (injected)');
      await this.inner.write(bucket, state, expectedVersion);
      throw new Error('socket hang up after the write (injected)');
    }
    return this.inner.write(bucket, state, expectedVersion);
  };
}

const handlerFor = (aggregates: AggregateStore) => {
  const handler = createHandler({ aggregates, clock: { now: () => NOW } });
  return (event: { Records: DynamoDBRecord[]; shardId: string }) =>
    handler(
      {
        ...event,
        state: {},
        window: { start: '2026-11-26T17:55:00.000Z', end: '2026-11-26T18:00:00.000Z' },
        isFinalInvokeForWindow: false,
        isWindowTerminatedEarly: false,
      } as Parameters<typeof handler>[0],
      context('aggregate-responses'),
    );
};

const deliverAll = async (
  shards: readonly ShardRecords[],
  invoke: ReturnType<typeof handlerFor>,
  options: DeliveryOptions,
) => {
  const reports = [];
  for (const shard of shards) reports.push(await deliverShard(shard.shardId, shard.records, invoke, options));
  return {
    invocations: reports.reduce((sum, r) => sum + r.invocations, 0),
    partialFailures: reports.reduce((sum, r) => sum + r.partialFailures, 0),
    errors: reports.reduce((sum, r) => sum + r.errors, 0),
  };
};

describe('aggregating a real DynamoDB stream, replayed and with failures', () => {
  let source: Table;
  let writes: number;
  let shards: ShardRecords[];
  let clean: Table;
  let cleanBuckets: Record<string, number[]>;

  beforeAll(async () => {
    source = await freshTable();
    writes = await writeHistory(source, 20261126);
    shards = await readWholeStream(source.endpoint, source.streamArn);
    clean = await freshTable();
    await deliverAll(shards, handlerFor(new DynamoDbAggregateStore(clean.client, clean.tableName)), {
      batchSize: BATCH_SIZE,
    });
    cleanBuckets = await bucketsOf(clean);
  });

  it('reads one stream record per write, of every kind, in Lambda shape', () => {
    const records = shards.flatMap((shard) => shard.records);
    const kinds = new Set(records.map((r) => r.eventName));
    const sequenceNumbers = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0'));

    expect(records).toHaveLength(writes);
    expect([...kinds].sort()).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(records[0]).toMatchObject({
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: source.streamArn,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: expect.stringMatching(/^INV#/) }, sk: { S: 'RESPONSE' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    for (const shard of shards) {
      const numbers = shard.records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0'));
      expect(numbers).toEqual([...numbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    expect(new Set(sequenceNumbers).size).toBe(records.length);
  });

  it('counts every final, non-suspect answer once in its first-answer day, in a clean pass', async () => {
    const recount = await recountOf(source);

    expect(recount.counted.length).toBeGreaterThan(50);
    expect(recount.items.length).toBeGreaterThan(recount.counted.length);
    expect(nonEmpty(cleanBuckets)).toEqual(recount.buckets);
  });

  it('serves the figures of a recount of the final answers, for each survey overall and per segment', async () => {
    const recount = await recountOf(source);
    const aggregates = new DynamoDbAggregateStore(clean.client, clean.tableName);
    const segments: Segment[] = [
      null,
      ...DIMENSIONS.flatMap((dimension) =>
        [...new Set(recount.counted.map((item) => item[dimension]).filter((v) => v !== undefined))].map(
          (value) => ({ dimension, value: value as string }),
        ),
      ),
    ];

    for (const survey of SURVEYS) {
      for (const segment of segments) {
        const days = await aggregates.range(survey, segment, DAYS[0], DAYS[DAYS.length - 1] as string);
        const served = computeFigures(
          survey,
          days.reduce((sum, day) => addHistograms(sum, day.histogram), emptyHistogram(survey)),
        );
        const byHand = computeFigures(
          survey,
          histogramOf(
            survey,
            recount.counted
              .filter((item) => item.survey === survey && matches(item, segment))
              .map((item) => item.score),
          ),
        );
        expect({ segment, ...served }).toEqual({ segment, ...byHand });
      }
    }
    const teams = segments.filter((s) => s?.dimension === 'team');
    expect(teams).toHaveLength(TEAMS.length);
  });

  it('changes nothing when every batch is delivered twice and then the whole stream again', async () => {
    const twice = await freshTable();
    const invoke = handlerFor(new DynamoDbAggregateStore(twice.client, twice.tableName));

    const doubled = await deliverAll(shards, invoke, { batchSize: BATCH_SIZE, redeliverEachBatch: true });
    const afterDoubled = await bucketsOf(twice);
    await deliverAll(shards, invoke, { batchSize: 3 });

    expect(afterDoubled).toEqual(cleanBuckets);
    expect(await bucketsOf(twice)).toEqual(cleanBuckets);
    expect(doubled.invocations).toBe(2 * Math.ceil(writes / BATCH_SIZE));
    expect(doubled.partialFailures + doubled.errors).toBe(0);
  }, 120_000);

  it('ends with the clean pass buckets when writes fail and invocations die, retried as Lambda does', async () => {
    const flakyTable = await freshTable();
    const random = seededRandom(7);
    const flaky = new FlakyAggregateStore(
      new DynamoDbAggregateStore(flakyTable.client, flakyTable.tableName),
      random,
      0.3,
    );
    const handler = handlerFor(flaky);
    // Now and then the invocation dies after the handler did its work (a timeout, a crash): Lambda retries it whole.
    const invoke: typeof handler = async (event) => {
      const answer = await handler(event);
      if (random() < 0.1) throw new Error('Task timed out (injected)');
      return answer;
    };

    const report = await deliverAll(shards, invoke, { batchSize: BATCH_SIZE });

    expect(await bucketsOf(flakyTable)).toEqual(cleanBuckets);
    // Each value that has a bucket (one with answers once, even if they left it) is registered once, whatever failed.
    for (const survey of SURVEYS) {
      for (const dimension of DIMENSIONS) {
        const prefix = `${aggregatePartition(survey, { dimension, value: '' })}`;
        const withBuckets = Object.keys(cleanBuckets)
          .filter((key) => key.startsWith(prefix))
          .map((key) => key.slice(prefix.length, key.lastIndexOf('|')));
        expect(withBuckets.length).toBeGreaterThan(0);
        expect(await flaky.values(survey, dimension)).toEqual([...new Set(withBuckets)].sort());
      }
    }
    expect(flaky.failures).toBeGreaterThan(20);
    expect(report.partialFailures).toBeGreaterThan(5);
    expect(report.errors).toBeGreaterThan(0);
  }, 120_000);

  it('leaves the buckets alone for a deletion by the time to live, and not for one by a person', async () => {
    const table = await freshTable();
    const answer = {
      pk: 'INV#inv-ttl',
      sk: 'RESPONSE',
      type: 'response',
      invitationId: 'inv-ttl',
      interactionId: 'zd-ttl',
      survey: 'nps',
      score: 2,
      comment: 'slow',
      suspect: false,
      day: '2026-11-26',
      answeredAt: '2026-11-26T09:00:00.000Z',
      updatedAt: '2026-11-26T09:00:00.000Z',
      team: 'billing',
      channel: 'phone',
      touchpoint: 'support-ticket',
      agent: 'agent-7',
      customerId: 'c-ttl',
    };
    await table.client.send(new PutItemCommand({ TableName: table.tableName, Item: marshall(answer) }));
    await table.client.send(
      new DeleteItemCommand({ TableName: table.tableName, Key: marshall({ pk: answer.pk, sk: answer.sk }) }),
    );
    const [shard] = await readWholeStream(table.endpoint, table.streamArn);
    const [insert, remove] = shard?.records ?? [];
    if (!shard || !insert || !remove) throw new Error('expected an INSERT and a REMOVE on the stream');
    const expired: DynamoDBRecord = {
      ...remove,
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    };
    const byTtl = await freshTable();
    const byPerson = await freshTable();
    const overall = async (t: Table) =>
      (
        await new DynamoDbAggregateStore(t.client, t.tableName).range('nps', null, '2026-11-26', '2026-11-26')
      )[0]?.histogram;

    const ttlInvoke = handlerFor(new DynamoDbAggregateStore(byTtl.client, byTtl.tableName));
    const personInvoke = handlerFor(new DynamoDbAggregateStore(byPerson.client, byPerson.tableName));
    await ttlInvoke({ Records: [insert], shardId: shard.shardId });
    const ttlAnswer = await ttlInvoke({ Records: [expired], shardId: shard.shardId });
    await personInvoke({ Records: [insert, remove], shardId: shard.shardId });

    expect(remove.eventName).toBe('REMOVE');
    expect(remove.userIdentity).toBeUndefined();
    expect(ttlAnswer).toMatchObject({ batchItemFailures: [] });
    expect(await overall(byTtl)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await overall(byPerson)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  }, 60_000);
});
