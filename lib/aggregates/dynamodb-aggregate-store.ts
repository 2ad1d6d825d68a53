import {
  type AttributeValue,
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { TableAdapter } from '../platform/dynamodb-items.js';
import { aggregatePartition, segmentRegistryPartition } from '../platform/table-design.js';
import type { Survey } from '../surveys/scales.js';
import type { Dimension, Segment } from '../surveys/segments.js';
import type { Day } from '../surveys/window.js';
import { addCounts, type BucketId, type BucketState, bucketKeyOf, type Counts } from './fold.js';
import { addHistograms } from './formulas.js';
import type { AggregateStore, DayCounts } from './ports.js';

const BucketItemSchema = z.object({
  pk: z.string(),
  sk: z.string(),
  h: z.array(z.number()),
  c: z.record(z.string(), z.number()).default({}),
  v: z.number().int(),
  f: z.record(z.string(), z.object({ s: z.string(), t: z.number() })).default({}),
});

const keyOf = (bucket: BucketId) => ({
  pk: aggregatePartition(bucket.survey, bucket.segment),
  sk: `${bucket.day}#${bucket.slot ?? 0}`,
});

/**
 * Aggregate buckets: one small item per survey, segment and UTC day holding the count per score (`h`),
 * a version (`v`) for optimistic writes and the per-shard fences (`f`), keyed `<day>#<slot>`. Reading a
 * window is one Query over a partition's day range, adding up the slots of each day. Beside them, per
 * survey and dimension, the registry of values (`AGG#<survey>#<dimension>`, one item per value), so a
 * breakdown knows which partitions to read without a Scan.
 */
export class DynamoDbAggregateStore extends TableAdapter implements AggregateStore {
  /** Values this instance has noted already: each costs one conditional put per instance at most. */
  private readonly registered = new Set<string>();

  async read(buckets: readonly BucketId[]): Promise<Map<string, BucketState>> {
    const states = new Map<string, BucketState>();
    const byKey = new Map(buckets.map((bucket) => [JSON.stringify(keyOf(bucket)), bucket]));
    let pending = [...byKey.keys()].map((key) => marshall(JSON.parse(key) as { pk: string; sk: string }));
    while (pending.length > 0) {
      const chunk = pending.slice(0, 100);
      pending = pending.slice(100);
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetItemCommand({
          RequestItems: { [this.tableName]: { Keys: chunk, ConsistentRead: true } },
        }),
      );
      for (const raw of Responses?.[this.tableName] ?? []) {
        const item = BucketItemSchema.parse(unmarshall(raw));
        const bucket = byKey.get(JSON.stringify({ pk: item.pk, sk: item.sk }));
        if (!bucket) continue;
        states.set(bucketKeyOf(bucket), {
          histogram: item.h,
          ...(Object.keys(item.c).length > 0 ? { counts: item.c } : {}),
          version: item.v,
          fences: Object.fromEntries(
            Object.entries(item.f).map(([id, f]) => [id, { sequenceNumber: f.s, at: f.t }]),
          ),
        });
      }
      pending.push(...(UnprocessedKeys?.[this.tableName]?.Keys ?? []));
    }
    return states;
  }

  async write(bucket: BucketId, state: BucketState, expectedVersion: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({
            ...keyOf(bucket),
            h: state.histogram,
            c: state.counts ?? {},
            v: state.version,
            f: Object.fromEntries(
              Object.entries(state.fences).map(([id, f]) => [id, { s: f.sequenceNumber, t: f.at }]),
            ),
          }),
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'v = :expected',
          ...(expectedVersion === 0
            ? {}
            : { ExpressionAttributeValues: marshall({ ':expected': expectedVersion }) }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async range(survey: Survey, segment: Segment, from: Day, to: Day) {
    const days: DayCounts[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: marshall({
            ':pk': aggregatePartition(survey, segment),
            ':from': `${from}#`,
            ':to': `${to}#~`,
          }),
          ProjectionExpression: 'sk, h, c',
          ExclusiveStartKey: start,
        }),
      );
      for (const raw of page.Items ?? []) {
        const item = unmarshall(raw) as { sk: string; h: number[]; c?: Counts };
        const day = item.sk.slice(0, item.sk.indexOf('#'));
        const counts = item.c ?? {};
        const last = days.at(-1);
        if (last?.day === day) {
          last.histogram = addHistograms(last.histogram, item.h);
          last.counts = addCounts(last.counts, counts);
        } else days.push({ day, histogram: item.h, counts });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return days;
  }

  async register(survey: Survey, segment: NonNullable<Segment>): Promise<void> {
    const pk = segmentRegistryPartition(survey, segment.dimension);
    const key = JSON.stringify([pk, segment.value]);
    if (this.registered.has(key)) return;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({ pk, sk: segment.value }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    this.registered.add(key);
  }

  async values(survey: Survey, dimension: Dimension): Promise<string[]> {
    const values: string[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: marshall({ ':pk': segmentRegistryPartition(survey, dimension) }),
          ProjectionExpression: 'sk',
          ExclusiveStartKey: start,
        }),
      );
      for (const raw of page.Items ?? []) values.push((unmarshall(raw) as { sk: string }).sk);
      start = page.LastEvaluatedKey;
    } while (start);
    return values;
  }
}
