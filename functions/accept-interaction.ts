import { acceptInteractionDeps, onAws } from '../lib/compose.js';
import { type AcceptInteractionDeps, acceptInteraction } from '../lib/invitations/accept-interaction.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { jsonBody } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/** POST /interactions: 202 with the invitation id and status, also for a repeated interaction. */
export const createHandler = (deps: AcceptInteractionDeps) =>
  httpHandler(async (event) => json(202, await acceptInteraction(jsonBody(event), deps)));

export const dependencies = acceptInteractionDeps;
export const handler = onAws(dependencies, createHandler);
