import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { ContactPolicySchema } from '../lib/contacts/contact-policy.js';
import { DynamoDbContactLedger } from '../lib/contacts/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { MessageSettingsSchema } from '../lib/invitations/email/invitation-email.js';
import { SesMailer } from '../lib/invitations/email/ses-mailer.js';
import { createLinks } from '../lib/invitations/links.js';
import { createPacer, SendRatesSchema } from '../lib/invitations/pacer.js';
import {
  giveUpSend,
  SEND_ATTEMPTS,
  SendInProgressError,
  type SendInvitationDeps,
  sendInvitation,
} from '../lib/invitations/send-invitation.js';
import { DynamoDbSmsConversations } from '../lib/invitations/sms/dynamodb-sms-conversations.js';
import { SmsOriginationSchema, SnsSmsSender } from '../lib/invitations/sms/sns-sms-sender.js';
import { SqsSendQueue } from '../lib/invitations/sqs-send-queue.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { parseOrThrow } from '../lib/platform/errors.js';
import { logger } from '../lib/platform/logger.js';
import { secretsManagerSecret } from '../lib/platform/secrets-manager-secret.js';

const MessageSchema = z.object({
  invitationId: z.string().min(1).max(64),
  kind: z.enum(['invitation', 'reminder']).default('invitation'),
});

const jsonOf = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * The invitations queue's consumer: one record at a time into the core, partial batch failures
 * reported so that only the failed messages come back (and reach the DLQ after their retries).
 */
export const createHandler = (deps: SendInvitationDeps) => {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    const { invitationId, kind } = parseOrThrow(MessageSchema, jsonOf(record.body), 'body');
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

const config = readEnvironment({
  TABLE_NAME: env.tableName,
  SEND_QUEUE_URL: env.queueUrl,
  SENDER_ADDRESS: env.email,
  CONFIGURATION_SET_NAME: env.name,
  SIGNING_KEY_SECRET_ARN: env.arn,
  PUBLIC_URL: env.url,
  CONTACT_POLICY: env.json(ContactPolicySchema),
  MESSAGE_SETTINGS: env.json(MessageSettingsSchema),
  SMS_ORIGINATION: env.json(SmsOriginationSchema),
  SEND_RATES: env.json(SendRatesSchema),
  SEND_CONCURRENCY: env.positiveInt,
});
export const handler = createHandler({
  invitations: new DynamoDbInvitationStore(awsClients.dynamodb(), config.TABLE_NAME),
  mailer: new SesMailer(awsClients.sesv2(), {
    fromAddress: config.SENDER_ADDRESS,
    configurationSetName: config.CONFIGURATION_SET_NAME,
  }),
  sendQueue: new SqsSendQueue(awsClients.sqs(), config.SEND_QUEUE_URL, systemClock),
  links: createLinks(
    config.PUBLIC_URL,
    secretsManagerSecret(awsClients.secretsManager(), config.SIGNING_KEY_SECRET_ARN),
  ),
  clock: systemClock,
  contacts: new DynamoDbContactLedger(awsClients.dynamodb(), config.TABLE_NAME),
  conversations: new DynamoDbSmsConversations(awsClients.dynamodb(), config.TABLE_NAME),
  sms: new SnsSmsSender(awsClients.sns(), config.SMS_ORIGINATION),
  policy: config.CONTACT_POLICY,
  messages: config.MESSAGE_SETTINGS,
  pace: createPacer(config.SEND_RATES, config.SEND_CONCURRENCY),
});
