import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamApiRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { toAggregatorInput } from '../../lib/aggregates/aggregator-input.js';
import { parseStageConfig } from '../stage-config.js';
import { FUNCTIONS, type FunctionSpec } from '../wiring.js';
import { parseDuration } from './clock.js';
import { asInvokedLocally, heldToConcurrency } from './concurrency.js';
import { matchesFilters } from './filter-pattern.js';
import { laneOf, parseChaos, type StreamConsumer, StreamPoller, toLambdaRecord } from './stream-poller.js';

const apiRecord = {
  eventID: 'e-1',
  eventName: 'REMOVE' as const,
  dynamodb: {
    ApproximateCreationDateTime: new Date('2026-11-26T10:00:00Z'),
    Keys: { pk: { S: 'INV#a' }, sk: { S: 'RESPONSE' } },
    OldImage: { pk: { S: 'INV#a' }, sk: { S: 'RESPONSE' } },
    SequenceNumber: '100',
    SizeBytes: 20,
    StreamViewType: 'NEW_AND_OLD_IMAGES' as const,
  },
  userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' },
};

describe('toLambdaRecord', () => {
  it('hands a TTL deletion over in Lambda spelling, so the aggregator ignores it', () => {
    const record = toLambdaRecord(apiRecord, 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x');

    expect(record.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
    expect(record.dynamodb?.ApproximateCreationDateTime).toBe(Date.parse('2026-11-26T10:00:00Z') / 1000);
    expect(record).toMatchObject({ eventVersion: '1.1', eventSource: 'aws:dynamodb' });
    expect(toAggregatorInput(record)).toEqual({ sequenceNumber: '100', kind: 'ignore' });
  });
});

describe('matchesFilters', () => {
  const record = { dynamodb: { Keys: { sk: { S: 'RESPONSE' } }, NewImage: { score: { N: '3' } } } };

  it('lets through a record whose keys match the response filter and no other', () => {
    const filters = [{ dynamodb: { Keys: { sk: { S: ['RESPONSE'] } } } }];

    expect(matchesFilters(record, filters)).toBe(true);
    expect(matchesFilters({ dynamodb: { Keys: { sk: { S: 'INVITATION' } } } }, filters)).toBe(false);
    expect(matchesFilters({}, filters)).toBe(false);
  });

  it('supports prefix, exists, anything-but and numeric rules, and any-of patterns', () => {
    expect(matchesFilters(record, [{ dynamodb: { Keys: { sk: { S: [{ prefix: 'RESP' }] } } } }])).toBe(true);
    expect(matchesFilters(record, [{ dynamodb: { OldImage: [{ exists: false }] } }])).toBe(true);
    expect(
      matchesFilters(record, [{ dynamodb: { Keys: { sk: { S: [{ 'anything-but': ['RESPONSE'] }] } } } }]),
    ).toBe(false);
    expect(
      matchesFilters(record, [{ dynamodb: { NewImage: { score: { N: [{ numeric: ['<=', 6] }] } } } }]),
    ).toBe(true);
    expect(
      matchesFilters(record, [{ dynamodb: { NewImage: { score: { N: [{ numeric: ['>', 6] }] } } } }]),
    ).toBe(false);
    expect(
      matchesFilters(record, [
        { eventName: ['INSERT'] },
        { dynamodb: { Keys: { sk: { S: ['RESPONSE'] } } } },
      ]),
    ).toBe(true);
    expect(matchesFilters(record, [])).toBe(true);
  });
});

describe('parseChaos', () => {
  it('reads both rates and refuses anything else, naming the part', () => {
    expect(parseChaos('redeliver=0.3,fail=0.1')).toMatchObject({ redeliver: 0.3, fail: 0.1 });
    expect(parseChaos(undefined)).toMatchObject({ redeliver: 0, fail: 0 });
    expect(() => parseChaos('redeliver=1.5')).toThrow(/redeliver=1.5/);
    expect(() => parseChaos('explode=0.1')).toThrow(/explode=0.1/);
  });
});

describe('parseDuration', () => {
  it('reads ISO 8601 durations and refuses other text', () => {
    expect(parseDuration('PT2H')).toBe(7_200_000);
    expect(parseDuration('P1DT30M')).toBe(88_200_000);
    expect(parseDuration('PT1.5S')).toBe(1500);
    expect(() => parseDuration('2h')).toThrow(RangeError);
    expect(() => parseDuration('P')).toThrow(RangeError);
    expect(() => parseDuration('PT')).toThrow(RangeError);
  });
});

/** Calls `invoke` `count` times at once, each taking a moment; answers how many ran together at most. */
const mostAtOnce = async (invoke: (work: () => Promise<void>) => Promise<void>, count: number) => {
  let running = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: count }, () =>
      invoke(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
      }),
    ),
  );
  return most;
};

describe('heldToConcurrency', () => {
  it('runs at most its limit at once, and every call in the order it came', async () => {
    const started: number[] = [];
    const held = heldToConcurrency(2, async (n: number) => {
      started.push(n);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return n * 10;
    });

    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => held(n)));

    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(
      await mostAtOnce(
        heldToConcurrency(2, (work) => work()),
        7,
      ),
    ).toBe(2);
  });

  it('lets the next call run when one fails', async () => {
    const held = heldToConcurrency(1, async (fail: boolean) => {
      if (fail) throw new Error('failed');
      return 'ran';
    });

    await expect(held(true)).rejects.toThrow('failed');
    expect(await held(false)).toBe('ran');
  });
});

describe('asInvokedLocally', () => {
  const config = (reservedConcurrency: boolean) =>
    parseStageConfig({
      stage: 'test',
      senderAddress: 'surveys@example.com',
      throttling: { reservedConcurrency },
    });
  const spec = (name: string) => FUNCTIONS.find((s) => s.name === name) as FunctionSpec;
  const flood = (name: string, reservedConcurrency: boolean) =>
    mostAtOnce(
      asInvokedLocally(spec(name), config(reservedConcurrency), (work: () => Promise<void>) => work()),
      30,
    );

  it('reads a flood of texts at most its reserved concurrency at once, as Lambda throttles its queued events', async () => {
    expect(await flood('record-sms-reply', true)).toBe(10);
  });

  it('holds nothing back when the stage reserves no concurrency, or when the function is invoked by a request', async () => {
    expect(await flood('record-sms-reply', false)).toBe(30);
    // A survey page has concurrency reserved too, but a request is not queued: API Gateway waits for it.
    expect(await flood('show-survey', true)).toBe(30);
  });
});

describe('StreamPoller', () => {
  /** A stream of one shard, whose records a test appends to; counts its reads. */
  const fakeStream = () => {
    const records: StreamApiRecord[] = [];
    let reads = 0;
    const client = {
      send: async (command: unknown) => {
        if (command instanceof DescribeStreamCommand)
          return { StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } };
        if (command instanceof GetShardIteratorCommand) return { ShardIterator: '0' };
        if (command instanceof GetRecordsCommand) {
          reads += 1;
          const from = Number(command.input.ShardIterator);
          const read = records.slice(from);
          return { Records: read, NextShardIterator: String(from + read.length) };
        }
        throw new Error('not a stream read');
      },
    } as unknown as DynamoDBStreamsClient;
    /** `count` records, each of its own partition unless `key` names one. */
    const append = (count: number, key?: string) => {
      for (let i = 0; i < count; i += 1) {
        const n = records.length + 1;
        records.push({
          eventID: `e-${n}`,
          eventName: 'INSERT',
          dynamodb: {
            Keys: { pk: { S: key ?? `INV#${n}` }, sk: { S: 'RESPONSE' } },
            SequenceNumber: String(100 + n),
            StreamViewType: 'NEW_AND_OLD_IMAGES',
          },
        });
      }
    };
    return { client, append, reads: () => reads };
  };

  type Batch = { Records: { dynamodb: { Keys: { pk: { S: string } }; SequenceNumber: string } }[] };
  const pollerOf = (
    client: DynamoDBStreamsClient,
    batchSize: number,
    windowSeconds: number,
    options: { parallelizationFactor?: number; invoke?: (event: Batch) => Promise<void> } = {},
  ) => {
    const batches: number[] = [];
    const consumer: StreamConsumer = {
      name: 'fold',
      trigger: {
        kind: 'stream',
        filters: [],
        batchSize,
        maxBatchingWindowSeconds: windowSeconds,
        retryAttempts: 1,
        maxRecordAgeSeconds: 60,
        ...(options.parallelizationFactor ? { parallelizationFactor: options.parallelizationFactor } : {}),
      },
      invoke: async (event) => {
        batches.push((event as Batch).Records.length);
        await options.invoke?.(event as Batch);
      },
    };
    const poller = new StreamPoller({
      client,
      streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x',
      consumers: [consumer],
      deadLetters: [],
      chaos: parseChaos(undefined),
      pollIntervalMs: 5,
      now: () => new Date(),
    });
    return { poller, batches };
  };

  const until = async (done: () => boolean) => {
    for (let waited = 0; !done(); waited += 10) {
      if (waited > 20_000) throw new Error('waited too long');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('gathers the records that arrive within its batching window into one batch, as Lambda does', async () => {
    const stream = fakeStream();
    const { poller, batches } = pollerOf(stream.client, 1000, 3);
    stream.append(3);
    poller.start();
    try {
      await until(() => stream.reads() > 0);
      stream.append(2);
      await until(() => batches.length > 0);

      expect(batches).toEqual([5]);
    } finally {
      await poller.stop();
    }
  });

  it('hands over a full batch at once, and closes the window for whoever waits for the stream to settle', async () => {
    const stream = fakeStream();
    const { poller, batches } = pollerOf(stream.client, 4, 600);
    stream.append(6);
    poller.start();
    try {
      await until(() => batches.length > 0);
      expect(batches).toEqual([4]);

      // The two left would wait ten minutes for more.
      await poller.settled();
      expect(batches).toEqual([4, 2]);
    } finally {
      await poller.stop();
    }
  });

  it('with a parallelization factor, handles two keys side by side and each key in order, as Lambda does', async () => {
    // Two partitions that hash to different lanes of two.
    const keys = Array.from({ length: 20 }, (_, i) => `INV#k${i}`);
    const laneOfKey = (key: string) => laneOf({ dynamodb: { Keys: { pk: { S: key } } } }, 2);
    const slow = keys.find((key) => laneOfKey(key) === 0) as string;
    const quick = keys.find((key) => laneOfKey(key) === 1) as string;
    const stream = fakeStream();
    const seen: string[] = [];
    let quickDone: () => void = () => undefined;
    const quickHandled = new Promise<void>((resolve) => {
      quickDone = resolve;
    });
    const { poller } = pollerOf(stream.client, 2, 0, {
      parallelizationFactor: 2,
      invoke: async ({ Records }) => {
        for (const record of Records)
          seen.push(`${record.dynamodb.Keys.pk.S}@${record.dynamodb.SequenceNumber}`);
        // The slow key's first batch waits for the quick key's: with one batch at a time it would wait for ever.
        if (Records[0]?.dynamodb.Keys.pk.S === slow && seen.length <= 2) await quickHandled;
        if (Records.some((record) => record.dynamodb.Keys.pk.S === quick)) quickDone();
      },
    });
    stream.append(3, slow);
    stream.append(1, quick);
    poller.start();
    try {
      await poller.settled();

      expect(seen.filter((entry) => entry.startsWith(`${slow}@`))).toEqual([
        `${slow}@101`,
        `${slow}@102`,
        `${slow}@103`,
      ]);
      expect(seen).toContain(`${quick}@104`);
      expect(laneOf({ dynamodb: { Keys: { pk: { S: slow } } } }, 1)).toBe(0);
    } finally {
      await poller.stop();
    }
  });
});
