import { onAws, reopenInteractionDeps } from '../lib/compose.js';
import { type ReopenInteractionDeps, reopenInteraction } from '../lib/invitations/reopen-interaction.js';
import { busHandler } from '../lib/platform/async-events.js';

/**
 * `InteractionReopened` from the event bus. An invalid event, or one for an interaction never
 * received, throws; the on-failure destination keeps it with the reason.
 */
export const createHandler = (deps: ReopenInteractionDeps) =>
  busHandler('interaction reopened', (detail) => reopenInteraction(detail, deps));

export const dependencies = reopenInteractionDeps;
export const handler = onAws(dependencies, createHandler);
