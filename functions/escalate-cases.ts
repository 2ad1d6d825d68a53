import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbAlertLedger } from '../lib/adapters/dynamodb-alert-ledger.js';
import { DynamoDbCaseStore } from '../lib/adapters/dynamodb-case-store.js';
import { SnsAlertPublisher } from '../lib/adapters/sns-alert-publisher.js';
import { env, readEnvironment } from '../lib/config.js';
import { type EscalationDeps, escalateOverdueCases } from '../lib/core/escalate-cases.js';
import { caseUrlFor } from '../lib/core/links.js';
import { systemClock } from '../lib/core/ports.js';
import { CaseSlaSchema } from '../lib/domain/case.js';
import { logger } from '../lib/logger.js';

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
