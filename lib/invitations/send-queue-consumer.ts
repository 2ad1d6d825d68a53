import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { parseOrThrow } from '../platform/errors.js';
import { parseJson } from '../platform/json.js';
import { logger } from '../platform/logger.js';
import { measure } from '../platform/metrics.js';
import { SEND_ATTEMPTS } from '../settings/sending.js';
import {
  giveUpSend,
  SendInProgressError,
  type SendInvitationDeps,
  sendInvitation,
} from './send-invitation.js';

const MessageSchema = z.object({
  invitationId: z.string().min(1).max(64),
  kind: z.enum(['invitation', 'reminder']).default('invitation'),
});

/**
 * A send queue's consumer, the same for every channel: one record at a time into the core, partial
 * batch failures reported so that only the failed messages come back (and reach the channel's DLQ
 * after their retries).
 */
export const sendQueueConsumer = (deps: SendInvitationDeps) => {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    const { invitationId, kind } = parseOrThrow(MessageSchema, parseJson(record.body), 'body');
    const via = deps.channel.via;
    try {
      const outcome = await sendInvitation(invitationId, deps, kind);
      logger.info('invitation handled', { invitationId, kind, via, outcome });
      if (outcome === 'sent') measure('InvitationsSent', 1, via);
      if (outcome === 'failed' || outcome === 'throttled') measure('SendFailures', 1, via);
    } catch (error) {
      if (!(error instanceof SendInProgressError)) measure('SendFailures', 1, via);
      if (
        !(error instanceof SendInProgressError) &&
        Number(record.attributes.ApproximateReceiveCount) >= SEND_ATTEMPTS
      ) {
        await giveUpSend(invitationId, kind, error, deps);
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
