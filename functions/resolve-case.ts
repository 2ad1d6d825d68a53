import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbCaseStore } from '../lib/adapters/dynamodb-case-store.js';
import { DynamoDbContactLedger } from '../lib/adapters/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { SqsSendQueue } from '../lib/adapters/sqs-send-queue.js';
import { env, readEnvironment } from '../lib/config.js';
import { systemClock } from '../lib/core/ports.js';
import { type ResolveDeps, resolveCase } from '../lib/core/resolve-case.js';
import { RecoverySurveySchema } from '../lib/domain/case.js';
import { CountrySchema } from '../lib/domain/contact.js';
import { ContactPolicySchema } from '../lib/domain/contact-policy.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { caseActionOf, pathParameter } from '../lib/http/requests.js';
import { json } from '../lib/http/responses.js';

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
