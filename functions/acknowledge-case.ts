import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbCaseStore } from '../lib/adapters/dynamodb-case-store.js';
import { env, readEnvironment } from '../lib/config.js';
import { acknowledgeCase, type CaseDeps } from '../lib/core/cases.js';
import { systemClock } from '../lib/core/ports.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { caseActionOf, pathParameter } from '../lib/http/requests.js';
import { json } from '../lib/http/responses.js';

/** POST /cases/{caseId}/acknowledge with `{ by? }`: 200 with the case; 404 unknown, 409 a move its status does not allow. */
export const createHandler = (deps: CaseDeps) =>
  httpHandler(async (event) =>
    json(200, await acknowledgeCase(pathParameter(event, 'caseId'), caseActionOf(event), deps)),
  );

const config = readEnvironment({ TABLE_NAME: env.tableName });
export const handler = createHandler({
  cases: new DynamoDbCaseStore(awsClients.dynamodb(), config.TABLE_NAME),
  clock: systemClock,
});
