import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { LOCAL_AWS } from '../../infra/local/dynamodb-local.js';
import { toLambdaRecord } from '../../infra/local/stream-poller.js';

export { toLambdaRecord };

export interface ShardRecords {
  shardId: string;
  parentShardId?: string | undefined;
  records: DynamoDBRecord[];
}

/**
 * Every record of a table's stream, read through the DynamoDB Streams API: DescribeStream, then per
 * shard (parents first) a TRIM_HORIZON iterator and GetRecords until a page comes back empty or the
 * shard is closed.
 */
export const readWholeStream = async (endpoint: string, streamArn: string): Promise<ShardRecords[]> => {
  const client = new DynamoDBStreamsClient({ ...LOCAL_AWS, endpoint });
  try {
    const shards: { shardId: string; parentShardId?: string | undefined }[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await client.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (shard.ShardId) shards.push({ shardId: shard.ShardId, parentShardId: shard.ParentShardId });
      }
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);

    const ordered: typeof shards = [];
    const known = new Set(shards.map((s) => s.shardId));
    const placed = new Set<string>();
    while (ordered.length < shards.length) {
      const next = shards.filter(
        (s) =>
          !placed.has(s.shardId) &&
          (!s.parentShardId || !known.has(s.parentShardId) || placed.has(s.parentShardId)),
      );
      if (next.length === 0) throw new Error('the stream has a shard cycle');
      for (const shard of next) {
        ordered.push(shard);
        placed.add(shard.shardId);
      }
    }

    const result: ShardRecords[] = [];
    for (const shard of ordered) {
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.shardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      const records: DynamoDBRecord[] = [];
      let iterator = ShardIterator;
      while (iterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        const got = page.Records ?? [];
        records.push(...got.map((record) => toLambdaRecord(record, streamArn)));
        if (got.length === 0) break;
        iterator = page.NextShardIterator;
      }
      result.push({ ...shard, records });
    }
    return result;
  } finally {
    client.destroy();
  }
};

export type Invoke = (event: {
  Records: DynamoDBRecord[];
  shardId: string;
}) => Promise<{ batchItemFailures?: { itemIdentifier?: string }[] } | undefined | unknown>;

export interface DeliveryOptions {
  batchSize: number;
  /** Deliver every batch a second time after it succeeded, as an at-least-once stream may. */
  redeliverEachBatch?: boolean;
  /** Gives up after this many invocations of one shard: a delivery that makes no progress fails the test. */
  maxInvocations?: number;
}

export interface DeliveryReport {
  invocations: number;
  partialFailures: number;
  errors: number;
}

/**
 * Hands one shard's records to a stream consumer the way Lambda's event source mapping does with
 * `reportBatchItemFailures`: in order, `batchSize` at a time; when the answer reports failures the next
 * batch starts at the lowest reported sequence number (or at the batch's start when one is unknown);
 * when the invocation throws the whole batch is delivered again. Never drops a record.
 */
export const deliverShard = async (
  shardId: string,
  records: readonly DynamoDBRecord[],
  invoke: Invoke,
  options: DeliveryOptions,
): Promise<DeliveryReport> => {
  const report: DeliveryReport = { invocations: 0, partialFailures: 0, errors: 0 };
  const limit = options.maxInvocations ?? 20 * Math.max(1, records.length);
  let cursor = 0;
  let deliveredOnce = false;
  while (cursor < records.length) {
    if (report.invocations >= limit) {
      throw new Error(
        `no progress on ${shardId} at record ${cursor} after ${report.invocations} invocations`,
      );
    }
    const batch = records.slice(cursor, cursor + options.batchSize);
    report.invocations += 1;
    let failedFrom = -1;
    try {
      const answer = (await invoke({ Records: structuredClone(batch), shardId })) as
        | { batchItemFailures?: { itemIdentifier?: string }[] }
        | undefined;
      const failures = answer?.batchItemFailures ?? [];
      if (failures.length > 0) {
        report.partialFailures += 1;
        const positions = failures.map((f) =>
          batch.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier),
        );
        failedFrom = positions.some((p) => p < 0) ? 0 : Math.min(...positions);
      }
    } catch {
      report.errors += 1;
      failedFrom = 0;
    }
    if (failedFrom >= 0) {
      cursor += failedFrom;
      deliveredOnce = false;
      continue;
    }
    if (options.redeliverEachBatch && !deliveredOnce) {
      deliveredOnce = true;
      continue;
    }
    deliveredOnce = false;
    cursor += batch.length;
  }
  return report;
};
