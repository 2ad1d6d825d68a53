import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/adapters/dynamodb-response-store.js';
import { env, readEnvironment } from '../lib/config.js';
import { systemClock } from '../lib/core/ports.js';
import { type ReopenInteractionDeps, reopenInteraction } from '../lib/core/reopen-interaction.js';
import { logger } from '../lib/logger.js';

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

const config = readEnvironment({ TABLE_NAME: env.tableName });
export const handler = createHandler({
  invitations: new DynamoDbInvitationStore(awsClients.dynamodb(), config.TABLE_NAME),
  responses: new DynamoDbResponseStore(awsClients.dynamodb(), config.TABLE_NAME),
  clock: systemClock,
});
