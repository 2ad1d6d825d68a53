import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { DynamoDbResponseStore } from '../lib/answers/dynamodb-response-store.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { type ReopenInteractionDeps, reopenInteraction } from '../lib/invitations/reopen-interaction.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
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

const config = readEnvironment({ TABLE_NAME: env.tableName });
export const handler = createHandler({
  invitations: new DynamoDbInvitationStore(awsClients.dynamodb(), config.TABLE_NAME),
  responses: new DynamoDbResponseStore(awsClients.dynamodb(), config.TABLE_NAME),
  clock: systemClock,
});
