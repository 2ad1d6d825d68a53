import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { StreamBatchError } from './errors.js';
import { logger } from './logger.js';

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
  if (index <= 0) throw new StreamBatchError(failure.reason);
  return {
    batchItemFailures: records
      .slice(index)
      .map((failed) => ({ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' })),
  };
};

/** Handles a batch's records one at a time, in order, stopping at the first that throws. */
export const handleInOrder = async (
  consumer: string,
  records: readonly DynamoDBRecord[],
  handle: (record: DynamoDBRecord) => Promise<void>,
): Promise<DynamoDBBatchResponse> => {
  for (const record of records) {
    try {
      await handle(record);
    } catch (error) {
      return streamBatchResponse(consumer, records, {
        sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { batchItemFailures: [] };
};
