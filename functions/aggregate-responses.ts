import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { type AggregateDeps, aggregateResponses } from '../lib/aggregates/aggregate-responses.js';
import { toAggregatorInput } from '../lib/aggregates/aggregator-input.js';
import { aggregateDeps, onAws } from '../lib/compose.js';
import { logger } from '../lib/platform/logger.js';
import { streamBatchResponse } from '../lib/platform/stream-batch.js';

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
 * The fold: the DynamoDB stream consumer that keeps every count (see lib/aggregates/fold.ts), with
 * the stream's one failure protocol (lib/platform/stream-batch.ts).
 */
export const createHandler = (deps: AggregateDeps) =>
  middy<ShardBatchEvent, ShardBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      if (!event.shardId)
        throw new Error('no shardId in the event: the event source mapping needs a tumbling window');
      const records = event.Records ?? [];
      const result = await aggregateResponses(event.shardId, records.map(toAggregatorInput), deps);
      return { state: {}, ...streamBatchResponse('aggregate-responses', records, result.failed[0]) };
    });

export const dependencies = aggregateDeps;
export const handler = onAws(dependencies, createHandler);
