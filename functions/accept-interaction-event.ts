import { acceptInteractionDeps, onAws } from '../lib/compose.js';
import { type AcceptInteractionDeps, acceptInteraction } from '../lib/invitations/accept-interaction.js';
import { busHandler } from '../lib/platform/async-events.js';

/**
 * `InteractionCompleted` from the event bus. An invalid event throws a ValidationError naming the
 * field; the asynchronous invocation's on-failure destination keeps the event with that reason.
 */
export const createHandler = (deps: AcceptInteractionDeps) =>
  busHandler('interaction accepted', (detail) => acceptInteraction(detail, deps, 'bus'));

export const dependencies = acceptInteractionDeps;
export const handler = onAws(dependencies, createHandler);
