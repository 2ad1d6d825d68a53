import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { onAws, retryAnalysisDeps } from '../lib/compose.js';
import { giveUpAnalysis, type RetryAnalysisDeps, retryAnalysis } from '../lib/insight/label-comment.js';
import { parseOrThrow } from '../lib/platform/errors.js';
import { parseJson } from '../lib/platform/json.js';
import { logger } from '../lib/platform/logger.js';
import { ANALYSIS_ATTEMPTS } from '../lib/settings/insight.js';

const MessageSchema = z.object({
  invitationId: z.string().min(1).max(64),
  commentDigest: z.string().min(1).max(64),
});

/**
 * The analysis queue's consumer: analyses again the comments whose analysis was put off (a throttle,
 * an outage), one message at a time, only the failed ones coming back. On the last try a comment's
 * labels are settled `failed` with the reason, and its message moves to the queue's dead-letter queue.
 */
export const createHandler = (deps: RetryAnalysisDeps) => {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    const { invitationId, commentDigest } = parseOrThrow(MessageSchema, parseJson(record.body), 'body');
    try {
      const outcome = await retryAnalysis(invitationId, commentDigest, deps);
      logger.info('comment analysed again', { invitationId, outcome });
    } catch (error) {
      if (Number(record.attributes.ApproximateReceiveCount) >= ANALYSIS_ATTEMPTS) {
        await giveUpAnalysis(invitationId, commentDigest, error, deps);
      }
      throw error;
    }
  };
  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) =>
      processPartialResponse(event, handleRecord, processor, { context, throwOnFullBatchFailure: false }),
    );
};

export const dependencies = retryAnalysisDeps;
export const handler = onAws(dependencies, createHandler);
