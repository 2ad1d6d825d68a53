import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { recordSmsReply, type SmsReplyDeps } from '../lib/answers/sms/record-sms-reply.js';
import { onAws, smsReplyDeps } from '../lib/compose.js';
import { logger } from '../lib/platform/logger.js';
import { snsMessagesOf } from '../lib/platform/sns-event.js';

/**
 * Inbound SMS from the two-way channel's SNS topic (the End User Messaging payload as a JSON string in
 * `Sns.Message`). SNS invokes asynchronously; a message that is not that payload throws a
 * ValidationError and, after Lambda's retries, lands on the on-failure destination with the reason.
 */
export const createHandler = (deps: SmsReplyDeps) =>
  middy<SNSEvent>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      for (const { snsMessageId, message } of snsMessagesOf(event)) {
        const outcome = await recordSmsReply(message, deps);
        logger.info('inbound sms handled', { snsMessageId, outcome });
      }
    });

export const dependencies = smsReplyDeps;
export const handler = onAws(dependencies, createHandler);
