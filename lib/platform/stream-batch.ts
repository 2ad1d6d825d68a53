import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { StreamBatchError } from './errors.js';
import { logger } from './logger.js';
import { measure } from './metrics.js';

/** Where an ordered batch stopped: the first record that could not be handled, and why. */
export interface StreamFailure {
  sequenceNumber: string;
  reason: string;
}

/**
 * The one answer a stream consumer gives Lambda (with `reportBatchItemFailures` and bisection on
 * error). Records are handled in order, so everything from the first failure on is reported, and the
 * stream retries from there. When the very first record fails, the invocation fails instead: Lambda
 * splits a batch only on an error, and reporting the first record would retry the same batch for
 * ever; bisection isolates it, and the on-failure destination gets it alone while the records behind
 * it are still handled.
 */
export const streamBatchResponse = (
  consumer: string,
  records: readonly DynamoDBRecord[],
  failure: StreamFailure | undefined,
): DynamoDBBatchResponse => {
  if (!failure) return { batchItemFailures: [] };
  const index = records.findIndex((record) => record.dynamodb?.SequenceNumber === failure.sequenceNumber);
  const record = records[index];
  logger.error(`stream record not handled by ${consumer}`, {
    sequenceNumber: failure.sequenceNumber,
    eventID: record?.eventID,
    keys: record?.dynamodb?.Keys,
    reason: failure.reason,
  });
  measure('StreamFailures', 1, consumer);
  if (index <= 0) throw new StreamBatchError(failure.reason);
  return {
    batchItemFailures: records
      .slice(index)
      .map((failed) => ({ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' })),
  };
};

/** How many keys' records are handled at once, at most, by {@link handleInOrderPerKey}. */
export const KEYS_AT_ONCE = 32;

/**
 * Handles a batch's records in order for each key (an invitation's changes one after another), and
 * the keys concurrently, at most {@link KEYS_AT_ONCE} at a time. A key whose record throws stops
 * there, and its later records wait for the retry; the other keys go on. The answer is the stream's
 * one protocol: everything from the first failed record on (in the shard's order) is retried, so a
 * record of another key handled after it is handled again, which every consumer of this kind must
 * take as a replay.
 */
export const handleInOrderPerKey = async (
  consumer: string,
  records: readonly DynamoDBRecord[],
  keyOf: (record: DynamoDBRecord) => string,
  handle: (record: DynamoDBRecord) => Promise<void>,
): Promise<DynamoDBBatchResponse> => {
  const byKey = new Map<string, DynamoDBRecord[]>();
  for (const record of records) {
    const key = keyOf(record);
    const group = byKey.get(key);
    if (group) group.push(record);
    else byKey.set(key, [record]);
  }
  const failures: { index: number; reason: string }[] = [];
  const queue = [...byKey.values()];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const record of group) {
        try {
          await handle(record);
        } catch (error) {
          failures.push({
            index: records.indexOf(record),
            reason: error instanceof Error ? error.message : String(error),
          });
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(KEYS_AT_ONCE, queue.length) }, worker));
  const first = failures.sort((a, b) => a.index - b.index)[0];
  if (!first) return { batchItemFailures: [] };
  return streamBatchResponse(consumer, records, {
    sequenceNumber: records[first.index]?.dynamodb?.SequenceNumber ?? '',
    reason: first.reason,
  });
};
