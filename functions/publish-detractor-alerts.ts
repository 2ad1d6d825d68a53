import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import { DynamoDbAlertLedger } from '../lib/alerts/dynamodb-alert-ledger.js';
import { SnsAlertPublisher } from '../lib/alerts/sns-alert-publisher.js';
import { toResponseTransition } from '../lib/answers/response-stream-records.js';
import { type AlertDeps, alertOnUnhappyAnswer } from '../lib/cases/alert-on-unhappy-answer.js';
import { DynamoDbCaseStore } from '../lib/cases/dynamodb-case-store.js';
import { caseUrlFor } from '../lib/invitations/links.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { StreamBatchError } from '../lib/platform/errors.js';
import { logger } from '../lib/platform/logger.js';

/**
 * The DynamoDB stream consumer that alerts on unhappy answers, one record at a time in order. The
 * first record that fails is reported with everything after it, as stream order requires.
 */
export const createHandler = (deps: AlertDeps) =>
  middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const records = event.Records ?? [];
      for (const [i, record] of records.entries()) {
        try {
          const outcome = await alertOnUnhappyAnswer(toResponseTransition(record), deps);
          if (outcome === 'published')
            logger.info('detractor alert published', { keys: record.dynamodb?.Keys });
        } catch (error) {
          logger.error('stream record not alerted', {
            eventID: record.eventID,
            keys: record.dynamodb?.Keys,
            error,
          });
          // Lambda splits a batch only on an error; reporting the first record would retry the same batch.
          if (i === 0) throw new StreamBatchError(error instanceof Error ? error.message : String(error));
          return {
            batchItemFailures: records
              .slice(i)
              .map((failed) => ({ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' })),
          };
        }
      }
      return { batchItemFailures: [] };
    });

const ThresholdsSchema = z.object({ nps: z.number().int(), csat: z.number().int(), ces: z.number().int() });
const config = readEnvironment({
  TABLE_NAME: env.tableName,
  ALERTS_TOPIC_ARN: env.arn,
  UNHAPPY_AT_OR_BELOW: env.json(ThresholdsSchema),
  PUBLIC_URL: env.url,
});
export const handler = createHandler({
  ledger: new DynamoDbAlertLedger(awsClients.dynamodb(), config.TABLE_NAME),
  publisher: new SnsAlertPublisher(awsClients.sns(), config.ALERTS_TOPIC_ARN),
  clock: systemClock,
  thresholds: config.UNHAPPY_AT_OR_BELOW,
  cases: new DynamoDbCaseStore(awsClients.dynamodb(), config.TABLE_NAME),
  caseUrl: caseUrlFor(config.PUBLIC_URL),
});
