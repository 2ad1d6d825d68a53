import { acceptInteractionDeps, onAws } from '../lib/compose.js';
import { type AcceptInteractionDeps, acceptInteraction } from '../lib/invitations/accept-interaction.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { actingAs, jsonBody } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * POST /interactions: 202 with the invitation id and status, also for a repeated interaction. The
 * invitation records the credential that sent it.
 */
export const createHandler = (deps: AcceptInteractionDeps) =>
  httpHandler(async (event) => json(202, await acceptInteraction(jsonBody(event), deps, actingAs(event))));

export const dependencies = acceptInteractionDeps;
export const handler = onAws(dependencies, createHandler);
