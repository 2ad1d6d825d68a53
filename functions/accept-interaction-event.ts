import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { DynamoDbResponseStore } from '../lib/answers/dynamodb-response-store.js';
import { CountrySchema } from '../lib/contacts/contact-keys.js';
import { ContactPolicySchema } from '../lib/contacts/contact-policy.js';
import { DynamoDbContactLedger } from '../lib/contacts/dynamodb-contact-ledger.js';
import { type AcceptInteractionDeps, acceptInteraction } from '../lib/invitations/accept-interaction.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { SqsSendQueue } from '../lib/invitations/sqs-send-queue.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { logger } from '../lib/platform/logger.js';

/**
 * `InteractionCompleted` from the event bus. An invalid event throws a ValidationError naming the
 * field; the asynchronous invocation's on-failure destination keeps the event with that reason.
 */
export const createHandler = (deps: AcceptInteractionDeps) =>
  middy<EventBridgeEvent<string, unknown>>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const accepted = await acceptInteraction(event.detail, deps);
      logger.info('interaction accepted', { ...accepted });
      return accepted;
    });

const config = readEnvironment({
  TABLE_NAME: env.tableName,
  SEND_QUEUE_URL: env.queueUrl,
  CONTACT_POLICY: env.json(ContactPolicySchema),
  DEFAULT_COUNTRY: env.optional(CountrySchema),
});
export const handler = createHandler({
  invitations: new DynamoDbInvitationStore(awsClients.dynamodb(), config.TABLE_NAME),
  responses: new DynamoDbResponseStore(awsClients.dynamodb(), config.TABLE_NAME),
  sendQueue: new SqsSendQueue(awsClients.sqs(), config.SEND_QUEUE_URL, systemClock),
  clock: systemClock,
  contacts: new DynamoDbContactLedger(awsClients.dynamodb(), config.TABLE_NAME),
  policy: config.CONTACT_POLICY,
  defaultCountry: config.DEFAULT_COUNTRY,
});
