import { acknowledgeCase, type CaseDeps } from '../lib/cases/cases.js';
import { DynamoDbCaseStore } from '../lib/cases/dynamodb-case-store.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { caseActionOf, pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

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
