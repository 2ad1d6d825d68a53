import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbContactLedger } from '../lib/adapters/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/adapters/dynamodb-response-store.js';
import { SqsSendQueue } from '../lib/adapters/sqs-send-queue.js';
import { env, readEnvironment } from '../lib/config.js';
import { type AcceptInteractionDeps, acceptInteraction } from '../lib/core/accept-interaction.js';
import { systemClock } from '../lib/core/ports.js';
import { CountrySchema } from '../lib/domain/contact.js';
import { ContactPolicySchema } from '../lib/domain/contact-policy.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { jsonBody } from '../lib/http/requests.js';
import { json } from '../lib/http/responses.js';

/** POST /interactions: 202 with the invitation id and status, also for a repeated interaction. */
export const createHandler = (deps: AcceptInteractionDeps) =>
  httpHandler(async (event) => json(202, await acceptInteraction(jsonBody(event), deps)));

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
