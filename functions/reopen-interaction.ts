import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/adapters/dynamodb-response-store.js';
import { env, readEnvironment } from '../lib/config.js';
import { systemClock } from '../lib/core/ports.js';
import { type ReopenInteractionDeps, reopenInteraction } from '../lib/core/reopen-interaction.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { bodyText, jsonBody, pathParameter } from '../lib/http/requests.js';
import { json } from '../lib/http/responses.js';

/**
 * POST /interactions/{interactionId}/reopen, optionally with `{ "occurredAt": "..." }`: 200 with what
 * became of the invitation (`cancelled` when it had not gone out yet).
 */
export const createHandler = (deps: ReopenInteractionDeps) =>
  httpHandler(async (event) => {
    const body = bodyText(event).trim() ? jsonBody(event) : {};
    const input = typeof body === 'object' && body !== null ? body : {};
    return json(
      200,
      await reopenInteraction({ ...input, interactionId: pathParameter(event, 'interactionId') }, deps),
    );
  });

const config = readEnvironment({ TABLE_NAME: env.tableName });
export const handler = createHandler({
  invitations: new DynamoDbInvitationStore(awsClients.dynamodb(), config.TABLE_NAME),
  responses: new DynamoDbResponseStore(awsClients.dynamodb(), config.TABLE_NAME),
  clock: systemClock,
});
