import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/adapters/dynamodb-response-store.js';
import { env, readEnvironment } from '../lib/config.js';
import { releaseAnswer } from '../lib/core/answers.js';
import { reportInvitation } from '../lib/core/invitation-status.js';
import { type Clock, type InvitationStore, type ResponseStore, systemClock } from '../lib/core/ports.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { pathParameter } from '../lib/http/requests.js';
import { json } from '../lib/http/responses.js';

/**
 * POST /invitations/{interactionId}/release: an answer held as suspect counts after all. 200 with the
 * invitation as `GET /invitations` shows it; 404 without an answer, 409 when it is not held.
 */
export const createHandler = (deps: {
  invitations: InvitationStore;
  responses: ResponseStore;
  clock: Clock;
}) =>
  httpHandler(async (event) => {
    const interactionId = pathParameter(event, 'interactionId');
    await releaseAnswer(interactionId, deps);
    return json(200, await reportInvitation(interactionId, deps));
  });

const config = readEnvironment({ TABLE_NAME: env.tableName });
export const handler = createHandler({
  invitations: new DynamoDbInvitationStore(awsClients.dynamodb(), config.TABLE_NAME),
  responses: new DynamoDbResponseStore(awsClients.dynamodb(), config.TABLE_NAME),
  clock: systemClock,
});
