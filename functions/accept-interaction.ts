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
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { jsonBody } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

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
