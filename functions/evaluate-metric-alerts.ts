import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { evaluateMetricAlerts, type MetricAlertDeps } from '../lib/alerts/evaluate-metric-alerts.js';
import { metricAlertDeps, onAws } from '../lib/compose.js';
import { logger } from '../lib/platform/logger.js';

/** Every few minutes, from a schedule: moves each metric rule's state and sends what it owes. */
export const createHandler = (deps: MetricAlertDeps) =>
  middy()
    .use(injectLambdaContext(logger))
    .handler(async () => {
      const { published } = await evaluateMetricAlerts(deps);
      if (published > 0) logger.info('metric alerts published', { published });
      return { published };
    });

export const dependencies = metricAlertDeps;
export const handler = onAws(dependencies, createHandler);
