import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { DynamoDbResponseStore } from '../lib/answers/dynamodb-response-store.js';
import { recordSmsReply, type SmsReplyDeps } from '../lib/answers/sms/record-sms-reply.js';
import { DynamoDbContactLedger } from '../lib/contacts/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { MessageSettingsSchema } from '../lib/invitations/email/invitation-email.js';
import { DynamoDbSmsConversations } from '../lib/invitations/sms/dynamodb-sms-conversations.js';
import { SmsOriginationSchema, SnsSmsSender } from '../lib/invitations/sms/sns-sms-sender.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
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

const config = readEnvironment({
  TABLE_NAME: env.tableName,
  MESSAGE_SETTINGS: env.json(MessageSettingsSchema),
  SMS_ORIGINATION: env.json(SmsOriginationSchema),
});
const dynamodb = awsClients.dynamodb();
export const handler = createHandler({
  invitations: new DynamoDbInvitationStore(dynamodb, config.TABLE_NAME),
  responses: new DynamoDbResponseStore(dynamodb, config.TABLE_NAME),
  contacts: new DynamoDbContactLedger(dynamodb, config.TABLE_NAME),
  conversations: new DynamoDbSmsConversations(dynamodb, config.TABLE_NAME),
  // Answered from the number the customer texted, so the conversation stays on one thread.
  replies: (_to, from) =>
    new SnsSmsSender(awsClients.sns(), { ...config.SMS_ORIGINATION, originationNumber: from }),
  clock: systemClock,
  messages: config.MESSAGE_SETTINGS,
});
