import { RecoverySurveySchema } from '../lib/cases/case.js';
import { DynamoDbCaseStore } from '../lib/cases/dynamodb-case-store.js';
import { type ResolveDeps, resolveCase } from '../lib/cases/resolve-case.js';
import { CountrySchema } from '../lib/contacts/contact-keys.js';
import { ContactPolicySchema } from '../lib/contacts/contact-policy.js';
import { DynamoDbContactLedger } from '../lib/contacts/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { SqsSendQueue } from '../lib/invitations/sqs-send-queue.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { caseActionOf, pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * POST /cases/{caseId}/resolve with `{ reason, note?, by?, recoverySurvey? }`: 200 with the case; 404
 * unknown, 409 a move its status does not allow. Invites the customer to the recovery survey first
 * when the stage sends them.
 */
export const createHandler = (deps: ResolveDeps) =>
  httpHandler(async (event) =>
    json(200, await resolveCase(pathParameter(event, 'caseId'), caseActionOf(event), deps)),
  );

const config = readEnvironment({
  TABLE_NAME: env.tableName,
  SEND_QUEUE_URL: env.queueUrl,
  RECOVERY_SURVEY: env.json(RecoverySurveySchema.nullable()),
  CONTACT_POLICY: env.json(ContactPolicySchema),
  DEFAULT_COUNTRY: env.optional(CountrySchema),
});
const dynamodb = awsClients.dynamodb();
export const handler = createHandler({
  cases: new DynamoDbCaseStore(dynamodb, config.TABLE_NAME),
  clock: systemClock,
  recoverySurvey: config.RECOVERY_SURVEY,
  invitations: new DynamoDbInvitationStore(dynamodb, config.TABLE_NAME),
  contacts: new DynamoDbContactLedger(dynamodb, config.TABLE_NAME),
  sendQueue: new SqsSendQueue(awsClients.sqs(), config.SEND_QUEUE_URL, systemClock),
  policy: config.CONTACT_POLICY,
  defaultCountry: config.DEFAULT_COUNTRY,
});
