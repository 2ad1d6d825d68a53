import { DynamoDbResponseStore } from '../lib/answers/dynamodb-response-store.js';
import type { ResponseStore } from '../lib/answers/ports.js';
import { releaseAnswer } from '../lib/answers/record-answer.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { reportInvitation } from '../lib/invitations/invitation-status.js';
import type { InvitationStore } from '../lib/invitations/ports.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { type Clock, systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

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
