import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { type EscalationDeps, tendCases } from '../lib/cases/escalate-cases.js';
import { escalationDeps, onAws } from '../lib/compose.js';
import { logger } from '../lib/platform/logger.js';

/**
 * Every few minutes, from a schedule: escalates the cases left unacknowledged past their SLA, and sends
 * the case updates that waited for their window (lib/cases/update-case.ts).
 */
export const createHandler = (deps: EscalationDeps) =>
  middy()
    .use(injectLambdaContext(logger))
    .handler(async () => {
      const tended = await tendCases(deps);
      if (tended.escalated > 0 || tended.updatesSent > 0) logger.info('cases tended', tended);
      return tended;
    });

export const dependencies = escalationDeps;
export const handler = onAws(dependencies, createHandler);
