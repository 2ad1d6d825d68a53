import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { type AggregateDeps, aggregateResponses } from '../lib/aggregates/aggregate-responses.js';
import { DynamoDbAggregateStore } from '../lib/aggregates/dynamodb-aggregate-store.js';
import { toAggregatorInput } from '../lib/answers/response-stream-records.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { StreamBatchError } from '../lib/platform/errors.js';
import { logger } from '../lib/platform/logger.js';

/**
 * A stream batch as the event source mapping hands it over with a tumbling window set: the window
 * fields come with the shard id, which the buckets' fences are keyed on.
 */
export type ShardBatchEvent = DynamoDBStreamEvent & {
  shardId?: string;
  state?: Record<string, string>;
  isFinalInvokeForWindow?: boolean;
};

/** Tumbling windows require `state` in every answer; Pulse keeps none there. */
export type ShardBatchResponse = DynamoDBBatchResponse & { state: Record<string, string> };

/**
 * The DynamoDB stream consumer that keeps the aggregate buckets. Records after a failed one are
 * reported as batch item failures so that Lambda retries from there; when the very first record fails,
 * the invocation fails instead, so that bisection isolates it and the on-failure destination gets it
 * alone, while the records behind it are still counted.
 */
export const createHandler = (deps: AggregateDeps) =>
  middy<ShardBatchEvent, ShardBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      if (!event.shardId)
        throw new Error('no shardId in the event: the event source mapping needs a tumbling window');
      const records = event.Records ?? [];
      const result = await aggregateResponses(event.shardId, records.map(toAggregatorInput), deps);
      for (const failure of result.failed) {
        const record = records.find((r) => r.dynamodb?.SequenceNumber === failure.sequenceNumber);
        logger.error('stream record not aggregated', {
          shardId: event.shardId,
          sequenceNumber: failure.sequenceNumber,
          eventID: record?.eventID,
          keys: record?.dynamodb?.Keys,
          reason: failure.reason,
        });
      }
      if (result.failed[0] && result.failed[0].sequenceNumber === records[0]?.dynamodb?.SequenceNumber) {
        // Lambda splits a batch only on an error: reporting the first record would retry the same batch.
        throw new StreamBatchError(result.failed[0].reason);
      }
      return {
        state: {},
        batchItemFailures: result.failed.map(({ sequenceNumber }) => ({ itemIdentifier: sequenceNumber })),
      };
    });

const config = readEnvironment({ TABLE_NAME: env.tableName });
export const handler = createHandler({
  aggregates: new DynamoDbAggregateStore(awsClients.dynamodb(), config.TABLE_NAME),
  clock: systemClock,
});
