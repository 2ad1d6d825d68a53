import { DynamoDbResponseStore } from '../lib/answers/dynamodb-response-store.js';
import type { ResponseStore } from '../lib/answers/ports.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { reportInvitation } from '../lib/invitations/invitation-status.js';
import type { InvitationStore } from '../lib/invitations/ports.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/** GET /invitations/{interactionId}: status, reason, send time and the answer once there is one. */
export const createHandler = (deps: { invitations: InvitationStore; responses: ResponseStore }) =>
  httpHandler(async (event) =>
    json(200, await reportInvitation(pathParameter(event, 'interactionId'), deps)),
  );

const config = readEnvironment({ TABLE_NAME: env.tableName });
export const handler = createHandler({
  invitations: new DynamoDbInvitationStore(awsClients.dynamodb(), config.TABLE_NAME),
  responses: new DynamoDbResponseStore(awsClients.dynamodb(), config.TABLE_NAME),
});
