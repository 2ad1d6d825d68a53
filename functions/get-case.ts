import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbCaseStore } from '../lib/adapters/dynamodb-case-store.js';
import { env, readEnvironment } from '../lib/config.js';
import { type CaseDeps, getCase } from '../lib/core/cases.js';
import { systemClock } from '../lib/core/ports.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { pathParameter } from '../lib/http/requests.js';
import { json } from '../lib/http/responses.js';

/** GET /cases/{caseId}: the case an alert links to. */
export const createHandler = (deps: CaseDeps) =>
  httpHandler(async (event) => json(200, await getCase(pathParameter(event, 'caseId'), deps)));

const config = readEnvironment({ TABLE_NAME: env.tableName });
export const handler = createHandler({
  cases: new DynamoDbCaseStore(awsClients.dynamodb(), config.TABLE_NAME),
  clock: systemClock,
});
