import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbContactLedger } from '../lib/adapters/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/adapters/dynamodb-response-store.js';
import { DynamoDbSmsConversations } from '../lib/adapters/dynamodb-sms-conversations.js';
import { snsMessagesOf } from '../lib/adapters/sns-event.js';
import { SmsOriginationSchema, SnsSmsSender } from '../lib/adapters/sns-sms-sender.js';
import { env, readEnvironment } from '../lib/config.js';
import { systemClock } from '../lib/core/ports.js';
import { recordSmsReply, type SmsReplyDeps } from '../lib/core/record-sms-reply.js';
import { logger } from '../lib/logger.js';
import { MessageSettingsSchema } from '../lib/messages/invitation-email.js';

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
