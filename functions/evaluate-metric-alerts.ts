import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { DynamoDbAggregateStore } from '../lib/aggregates/dynamodb-aggregate-store.js';
import { DynamoDbAlertLedger } from '../lib/alerts/dynamodb-alert-ledger.js';
import { DynamoDbMetricAlertStates } from '../lib/alerts/dynamodb-metric-alert-states.js';
import { evaluateMetricAlerts, type MetricAlertDeps } from '../lib/alerts/evaluate-metric-alerts.js';
import { MetricAlertRulesSchema } from '../lib/alerts/metric-alert.js';
import { SnsAlertPublisher } from '../lib/alerts/sns-alert-publisher.js';
import { trendUrlFor } from '../lib/invitations/links.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
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

const config = readEnvironment({
  TABLE_NAME: env.tableName,
  ALERTS_TOPIC_ARN: env.arn,
  METRIC_ALERT_RULES: env.json(MetricAlertRulesSchema),
  MIN_SAMPLE: env.positiveInt,
  PUBLIC_URL: env.url,
});
export const handler = createHandler({
  metricRules: config.METRIC_ALERT_RULES,
  aggregates: new DynamoDbAggregateStore(awsClients.dynamodb(), config.TABLE_NAME),
  metricStates: new DynamoDbMetricAlertStates(awsClients.dynamodb(), config.TABLE_NAME),
  ledger: new DynamoDbAlertLedger(awsClients.dynamodb(), config.TABLE_NAME),
  publisher: new SnsAlertPublisher(awsClients.sns(), config.ALERTS_TOPIC_ARN),
  clock: systemClock,
  minSample: config.MIN_SAMPLE,
  trendUrl: trendUrlFor(config.PUBLIC_URL),
});
