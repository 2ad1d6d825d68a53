import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { onAws, reopenInteractionDeps } from '../lib/compose.js';
import { type ReopenInteractionDeps, reopenInteraction } from '../lib/invitations/reopen-interaction.js';
import { logger } from '../lib/platform/logger.js';

/**
 * `InteractionReopened` from the event bus. An invalid event, or one for an interaction never
 * received, throws; the on-failure destination keeps it with the reason.
 */
export const createHandler = (deps: ReopenInteractionDeps) =>
  middy<EventBridgeEvent<string, unknown>>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const report = await reopenInteraction(event.detail, deps);
      logger.info('interaction reopened', { ...report });
      return report;
    });

export const dependencies = reopenInteractionDeps;
export const handler = onAws(dependencies, createHandler);
