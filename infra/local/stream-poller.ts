import { createHash, randomUUID } from 'node:crypto';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamApiRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { padSequenceNumber } from '../../lib/aggregates/fold.js';
import { TABLE_DESIGN } from '../../lib/platform/table-design.js';
import type { Trigger } from '../wiring.js';
import { matchesFilters } from './filter-pattern.js';
import type { DeadLetter } from './local-queue.js';
import { TIME_TO_LIVE_IDENTITY } from './time-to-live.js';

export type StreamTrigger = Extract<Trigger, { kind: 'stream' }>;

export interface StreamConsumer {
  name: string;
  trigger: StreamTrigger;
  invoke(event: unknown): Promise<unknown>;
}

/** `PULSE_CHAOS`: how often a batch is delivered again after success, and how often it fails part-way. */
export interface Chaos {
  redeliver: number;
  fail: number;
  random: () => number;
}

export const parseChaos = (text: string | undefined, random: () => number = Math.random): Chaos => {
  const chaos: Chaos = { redeliver: 0, fail: 0, random };
  for (const part of (text ?? '').split(',').filter(Boolean)) {
    const [key, value] = part.split('=');
    const rate = Number(value);
    if ((key !== 'redeliver' && key !== 'fail') || !(rate >= 0 && rate < 1)) {
      throw new Error(`PULSE_CHAOS: "${part}" is not redeliver=<0..1> or fail=<0..1>`);
    }
    chaos[key] = rate;
  }
  return chaos;
};

interface Shard {
  shardId: string;
  parentShardId?: string | undefined;
  iterator?: string | undefined;
  closed: boolean;
}

/**
 * One of a consumer's concurrent batches per shard (its `parallelizationFactor`; one unless set):
 * the records whose partition key hashes to `lane`, in the shard's order, with its own retries.
 */
interface ConsumerState {
  consumer: StreamConsumer;
  lane: number;
  buffers: Map<string, DynamoDBRecord[]>;
  attempts: number;
  batchLimit: number;
  busy: boolean;
}

/** The record as Lambda's event source mapping hands it to a function. */
export const toLambdaRecord = (record: StreamApiRecord, streamArn: string): DynamoDBRecord => {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID ?? randomUUID(),
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ...(record.dynamodb as NonNullable<DynamoDBRecord['dynamodb']>),
      ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
    },
    eventSourceARN: streamArn,
    // The Streams API spells it { Type, PrincipalId }; Lambda hands it over as { type, principalId }.
    ...(record.userIdentity
      ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } }
      : {}),
  } as DynamoDBRecord;
};

const sequenceOf = (record: DynamoDBRecord): string => record.dynamodb?.SequenceNumber ?? '0';

/**
 * Which of a shard's `lanes` concurrent batches takes a record: as Lambda does, by its partition key's
 * hash, so that one key's records stay in order in one lane.
 */
export const laneOf = (record: DynamoDBRecord, lanes: number): number => {
  if (lanes <= 1) return 0;
  const keys = record.dynamodb?.Keys as Record<string, { S?: string }> | undefined;
  const digest = createHash('sha256')
    .update(keys?.[TABLE_DESIGN.partitionKey]?.S ?? '')
    .digest();
  return digest.readUInt32BE(0) % lanes;
};

/**
 * Reads the table's real stream through the DynamoDB Streams API and hands batches to each stream
 * consumer the way Lambda's event source mapping does: filter criteria, batch size, the batching
 * window, shard order (per partition key, with a parallelization factor above one), `batchItemFailures`
 * (retry from the lowest failed record), bisection on error, bounded retries and an on-failure record
 * with the batch's shard and sequence range. With chaos it also redelivers
 * batches and fails them part-way, as Lambda may.
 */
export class StreamPoller {
  private readonly shards = new Map<string, Shard>();
  private readonly states: ConsumerState[];
  private stopped = false;
  private lastDescribe = 0;
  private caughtUpAt = 0;
  private loops: Promise<void>[] = [];
  /** Callers of `settled` waiting: while any waits, batching windows close at once. */
  private settling = 0;
  /** When each record was read off the stream: a batching window runs from its oldest record's. */
  private readonly readAt = new WeakMap<DynamoDBRecord, number>();

  constructor(
    private readonly options: {
      client: DynamoDBStreamsClient;
      streamArn: string;
      consumers: StreamConsumer[];
      deadLetters: DeadLetter[];
      chaos: Chaos;
      pollIntervalMs: number;
      now: () => Date;
      /** Whether a deletion is the table's time to live's (the local sweep's), by its keys. */
      deletedByTimeToLive?: (keys: Record<string, { S?: string }> | undefined) => boolean;
    },
  ) {
    this.states = options.consumers.flatMap((consumer) =>
      Array.from({ length: consumer.trigger.parallelizationFactor ?? 1 }, (_, lane) => ({
        consumer,
        lane,
        buffers: new Map(),
        attempts: 0,
        batchLimit: consumer.trigger.batchSize,
        busy: false,
      })),
    );
  }

  start(): void {
    this.loops = [this.readLoop(), ...this.states.map((state) => this.consumeLoop(state))];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled(this.loops);
  }

  /** Resolves once everything written before the call has been read and handed to every consumer. */
  async settled(timeoutMs = 20_000): Promise<void> {
    const since = Date.now();
    const deadline = since + timeoutMs;
    // A record written just before may sit on a shard not described yet: describe again, then read to the end.
    this.lastDescribe = 0;
    this.settling += 1;
    try {
      while (Date.now() < deadline) {
        const idle = this.states.every(
          (s) => !s.busy && [...s.buffers.values()].every((b) => b.length === 0),
        );
        if (this.lastDescribe > since && this.caughtUpAt > this.lastDescribe && idle) return;
        await sleep(10);
      }
    } finally {
      this.settling -= 1;
    }
    throw new Error('the stream did not settle in time');
  }

  private async readLoop(): Promise<void> {
    while (!this.stopped) {
      let read = 0;
      try {
        if (Date.now() - this.lastDescribe > 1000) await this.describe();
        for (const shard of this.readableShards()) read += await this.readShard(shard);
      } catch (error) {
        if (!this.stopped) console.error('stream poller: read failed', error);
      }
      if (read === 0) {
        this.caughtUpAt = Date.now();
        await sleep(this.options.pollIntervalMs);
      }
    }
  }

  private async describe(): Promise<void> {
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.options.client.send(
        new DescribeStreamCommand({ StreamArn: this.options.streamArn, ExclusiveStartShardId: start }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (!shard.ShardId || this.shards.has(shard.ShardId)) continue;
        this.shards.set(shard.ShardId, {
          shardId: shard.ShardId,
          parentShardId: shard.ParentShardId,
          closed: false,
        });
      }
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    this.lastDescribe = Date.now();
  }

  /** Open shards whose parent, if any, has been read to its end: Lambda keeps that order too. */
  private readableShards(): Shard[] {
    return [...this.shards.values()].filter((shard) => {
      if (shard.closed) return false;
      const parent = shard.parentShardId ? this.shards.get(shard.parentShardId) : undefined;
      return !parent || parent.closed;
    });
  }

  private async readShard(shard: Shard): Promise<number> {
    if (!shard.iterator) {
      const { ShardIterator } = await this.options.client.send(
        new GetShardIteratorCommand({
          StreamArn: this.options.streamArn,
          ShardId: shard.shardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      shard.iterator = ShardIterator;
    }
    const { Records = [], NextShardIterator } = await this.options.client.send(
      new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }),
    );
    shard.iterator = NextShardIterator;
    if (!NextShardIterator) shard.closed = true;
    const records = Records.map((r) => this.identified(toLambdaRecord(r, this.options.streamArn)));
    const now = Date.now();
    for (const record of records) this.readAt.set(record, now);
    for (const state of this.states) {
      const { filters, parallelizationFactor = 1 } = state.consumer.trigger;
      const wanted = records.filter(
        (r) => matchesFilters(r, filters) && laneOf(r, parallelizationFactor) === state.lane,
      );
      if (wanted.length === 0) continue;
      const buffer = state.buffers.get(shard.shardId) ?? [];
      buffer.push(...wanted);
      state.buffers.set(shard.shardId, buffer);
    }
    return Records.length;
  }

  /** A deletion by the local time to live, as DynamoDB's stream tells its own: by its service identity. */
  private identified(record: DynamoDBRecord): DynamoDBRecord {
    const byTimeToLive =
      record.eventName === 'REMOVE' &&
      this.options.deletedByTimeToLive?.(record.dynamodb?.Keys as Record<string, { S?: string }> | undefined);
    return byTimeToLive ? { ...record, userIdentity: { ...TIME_TO_LIVE_IDENTITY } } : record;
  }

  /**
   * A shard whose records are due to the consumer, as Lambda gathers them: a full batch, or its
   * batching window (`maxBatchingWindowSeconds`) passed since the oldest of them was read (a record
   * to try again is due at once). While someone waits for the stream to settle, the windows close at once.
   */
  private dueShard(state: ConsumerState): [string, DynamoDBRecord[]] | undefined {
    const windowMs = state.consumer.trigger.maxBatchingWindowSeconds * 1000;
    const now = Date.now();
    return [...state.buffers.entries()].find(
      ([, buffer]) =>
        buffer[0] !== undefined &&
        (buffer.length >= state.batchLimit ||
          this.settling > 0 ||
          now - (this.readAt.get(buffer[0]) ?? 0) >= windowMs),
    );
  }

  private async consumeLoop(state: ConsumerState): Promise<void> {
    while (!this.stopped) {
      const next = this.dueShard(state);
      if (!next) {
        await sleep(Math.max(2, Math.floor(this.options.pollIntervalMs / 2)));
        continue;
      }
      state.busy = true;
      try {
        await this.deliver(state, next[0], next[1]);
      } finally {
        state.busy = false;
      }
    }
  }

  private eventOf(state: ConsumerState, shardId: string, batch: DynamoDBRecord[]): unknown {
    const window = state.consumer.trigger.tumblingWindowSeconds;
    if (!window) return { Records: batch };
    const now = this.options.now().getTime();
    const start = Math.floor(now / (window * 1000)) * window * 1000;
    return {
      Records: batch,
      window: { start: new Date(start).toISOString(), end: new Date(start + window * 1000).toISOString() },
      state: {},
      shardId,
      eventSourceARN: this.options.streamArn,
      isFinalInvokeForWindow: false,
      isWindowTerminatedEarly: false,
    };
  }

  private async deliver(state: ConsumerState, shardId: string, buffer: DynamoDBRecord[]): Promise<void> {
    const { chaos } = this.options;
    const trigger = state.consumer.trigger;
    const batch = buffer.slice(0, state.batchLimit);
    if (chaos.fail > 0 && chaos.random() < chaos.fail) {
      // An invocation that dies part-way: the first records' effects happen, then the batch is retried whole.
      const cut = Math.floor(chaos.random() * batch.length);
      await state.consumer.invoke(this.eventOf(state, shardId, batch.slice(0, cut))).catch(() => undefined);
      return;
    }
    let failedFrom: number;
    let reason: string;
    let threw = false;
    try {
      const result = (await state.consumer.invoke(this.eventOf(state, shardId, batch))) as
        | { batchItemFailures?: { itemIdentifier?: string }[] }
        | undefined;
      const failures = result?.batchItemFailures ?? [];
      if (failures.length === 0) {
        if (chaos.redeliver > 0 && chaos.random() < chaos.redeliver) return;
        buffer.splice(0, batch.length);
        state.attempts = 0;
        state.batchLimit = trigger.batchSize;
        return;
      }
      const positions = failures.map((f) => batch.findIndex((r) => sequenceOf(r) === f.itemIdentifier));
      failedFrom = positions.some((p) => p < 0) ? 0 : Math.min(...positions);
      reason = 'batch item failure reported';
    } catch (error) {
      failedFrom = 0;
      reason = error instanceof Error ? error.message : String(error);
      threw = true;
    }
    // A reported failure retries from that record with the rest of the batch; only an error bisects.
    buffer.splice(0, failedFrom);
    const remaining = batch.slice(failedFrom);
    state.attempts += 1;
    if (threw && remaining.length > 1) state.batchLimit = Math.ceil(remaining.length / 2);
    if (state.attempts > trigger.retryAttempts) {
      const dropped = buffer.splice(
        0,
        threw ? Math.min(state.batchLimit, remaining.length) : remaining.length,
      );
      this.sendToFailureDestination(state, shardId, dropped, reason);
      state.attempts = 0;
      state.batchLimit = trigger.batchSize;
    }
  }

  private sendToFailureDestination(
    state: ConsumerState,
    shardId: string,
    records: DynamoDBRecord[],
    reason: string,
  ): void {
    const first = records[0];
    const last = records.at(-1);
    if (!first || !last) return;
    this.options.deadLetters.push({
      source: `${state.consumer.name} stream on-failure`,
      at: this.options.now().toISOString(),
      reason,
      payload: {
        requestContext: {
          requestId: randomUUID(),
          functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${state.consumer.name}`,
          condition: 'RetryAttemptsExhausted',
          approximateInvokeCount: state.attempts,
        },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: reason },
        version: '1.0',
        timestamp: this.options.now().toISOString(),
        DDBStreamBatchInfo: {
          shardId,
          startSequenceNumber: sequenceOf(first),
          endSequenceNumber: sequenceOf(last),
          approximateArrivalOfFirstRecord: new Date(
            (first.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000,
          ).toISOString(),
          approximateArrivalOfLastRecord: new Date(
            (last.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000,
          ).toISOString(),
          batchSize: records.length,
          streamArn: this.options.streamArn,
        },
      },
    });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { padSequenceNumber };
