import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { emailFeedbackDeps, onAws } from '../lib/compose.js';
import {
  type EmailFeedbackDeps,
  recordEmailFeedback,
} from '../lib/invitations/email/record-email-feedback.js';
import { logger } from '../lib/platform/logger.js';
import { snsMessagesOf } from '../lib/platform/sns-event.js';

/**
 * SES's events through the configuration set's SNS topic. SNS invokes asynchronously with one record;
 * a message that is not an SES event throws a ValidationError and, after Lambda's retries, lands on
 * the on-failure destination with that reason.
 */
export const createHandler = (deps: EmailFeedbackDeps) =>
  middy<SNSEvent>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      for (const { snsMessageId, message } of snsMessagesOf(event)) {
        const outcome = await recordEmailFeedback(message, deps);
        logger.info('email feedback recorded', { snsMessageId, ...outcome });
      }
    });

export const dependencies = emailFeedbackDeps;
export const handler = onAws(dependencies, createHandler);
