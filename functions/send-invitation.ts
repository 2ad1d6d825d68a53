import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { onAws, sendInvitationDeps } from '../lib/compose.js';
import {
  giveUpSend,
  SendInProgressError,
  type SendInvitationDeps,
  sendInvitation,
} from '../lib/invitations/send-invitation.js';
import { parseOrThrow } from '../lib/platform/errors.js';
import { parseJson } from '../lib/platform/json.js';
import { logger } from '../lib/platform/logger.js';
import { SEND_ATTEMPTS } from '../lib/settings.js';

const MessageSchema = z.object({
  invitationId: z.string().min(1).max(64),
  kind: z.enum(['invitation', 'reminder']).default('invitation'),
});

/**
 * The invitations queue's consumer: one record at a time into the core, partial batch failures
 * reported so that only the failed messages come back (and reach the DLQ after their retries).
 */
export const createHandler = (deps: SendInvitationDeps) => {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    const { invitationId, kind } = parseOrThrow(MessageSchema, parseJson(record.body), 'body');
    try {
      const outcome = await sendInvitation(invitationId, deps, kind);
      logger.info('invitation handled', { invitationId, kind, outcome });
    } catch (error) {
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

export const dependencies = sendInvitationDeps;
export const handler = onAws(dependencies, createHandler);
