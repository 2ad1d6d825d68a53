import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/adapters/dynamodb-response-store.js';
import { env, readEnvironment } from '../lib/config.js';
import { reportInvitation } from '../lib/core/invitation-status.js';
import type { InvitationStore, ResponseStore } from '../lib/core/ports.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { pathParameter } from '../lib/http/requests.js';
import { json } from '../lib/http/responses.js';

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
