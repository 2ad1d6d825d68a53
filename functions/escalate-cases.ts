import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { DynamoDbAlertLedger } from '../lib/alerts/dynamodb-alert-ledger.js';
import { SnsAlertPublisher } from '../lib/alerts/sns-alert-publisher.js';
import { CaseSlaSchema } from '../lib/cases/case.js';
import { DynamoDbCaseStore } from '../lib/cases/dynamodb-case-store.js';
import { type EscalationDeps, escalateOverdueCases } from '../lib/cases/escalate-cases.js';
import { caseUrlFor } from '../lib/invitations/links.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
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

const config = readEnvironment({
  TABLE_NAME: env.tableName,
  ALERTS_TOPIC_ARN: env.arn,
  CASE_SLA: env.json(CaseSlaSchema),
  PUBLIC_URL: env.url,
});
export const handler = createHandler({
  cases: new DynamoDbCaseStore(awsClients.dynamodb(), config.TABLE_NAME),
  ledger: new DynamoDbAlertLedger(awsClients.dynamodb(), config.TABLE_NAME),
  publisher: new SnsAlertPublisher(awsClients.sns(), config.ALERTS_TOPIC_ARN),
  clock: systemClock,
  sla: config.CASE_SLA,
  caseUrl: caseUrlFor(config.PUBLIC_URL),
});
