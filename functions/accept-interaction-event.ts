import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { acceptInteractionDeps, onAws } from '../lib/compose.js';
import { type AcceptInteractionDeps, acceptInteraction } from '../lib/invitations/accept-interaction.js';
import { logger } from '../lib/platform/logger.js';

/**
 * `InteractionCompleted` from the event bus. An invalid event throws a ValidationError naming the
 * field; the asynchronous invocation's on-failure destination keeps the event with that reason.
 */
export const createHandler = (deps: AcceptInteractionDeps) =>
  middy<EventBridgeEvent<string, unknown>>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const accepted = await acceptInteraction(event.detail, deps);
      logger.info('interaction accepted', { ...accepted });
      return accepted;
    });

export const dependencies = acceptInteractionDeps;
export const handler = onAws(dependencies, createHandler);
