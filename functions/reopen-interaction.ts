import { onAws, reopenInteractionDeps } from '../lib/compose.js';
import { type ReopenInteractionDeps, reopenInteraction } from '../lib/invitations/reopen-interaction.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { bodyText, jsonBody, pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

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

export const dependencies = reopenInteractionDeps;
export const handler = onAws(dependencies, createHandler);
