import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { type EscalationDeps, escalateOverdueCases } from '../lib/cases/escalate-cases.js';
import { escalationDeps, onAws } from '../lib/compose.js';
import { logger } from '../lib/platform/logger.js';

/** Every few minutes, from a schedule: escalates the cases left unacknowledged past their SLA. */
export const createHandler = (deps: EscalationDeps) =>
  middy()
    .use(injectLambdaContext(logger))
    .handler(async () => {
      const escalated = await escalateOverdueCases(deps);
      if (escalated > 0) logger.info('cases escalated', { escalated });
      return { escalated };
    });

export const dependencies = escalationDeps;
export const handler = onAws(dependencies, createHandler);
