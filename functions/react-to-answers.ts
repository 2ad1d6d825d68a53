import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { toCaseTransition } from '../lib/cases/case-stream-records.js';
import { onAws, reactorDeps } from '../lib/compose.js';
import { toLabelsTransition } from '../lib/insight/labels-stream-records.js';
import { toResponseTransition } from '../lib/invitations/response-stream-records.js';
import { logger } from '../lib/platform/logger.js';
import { handleInOrderPerKey } from '../lib/platform/stream-batch.js';
import { CASE_SORT_KEY, LABELS_SORT_KEY } from '../lib/platform/table-design.js';
import {
  type ReactorDeps,
  reactToAnswer,
  reactToCase,
  reactToLabels,
} from '../lib/reactor/react-to-answers.js';

/**
 * The reactor: the DynamoDB stream consumer that does what follows an answer change (its steps are in
 * lib/reactor/react-to-answers.ts), lists an answer again when its comment's labels settle, and
 * publishes a case's openings and resolutions: each invitation's changes in order, different invitations at once,
 * with the stream's one failure protocol (lib/platform/stream-batch.ts).
 */
export const createHandler = (deps: ReactorDeps) =>
  middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler(async (event) =>
      handleInOrderPerKey(
        'react-to-answers',
        event.Records ?? [],
        // The response item's key: one invitation's answer.
        (record) => record.dynamodb?.Keys?.pk?.S ?? record.eventID ?? '',
        async (record) => {
          // The answer's labels and its case share its partition: one invitation's records, in order.
          const sortKey = record.dynamodb?.Keys?.sk?.S;
          if (sortKey === LABELS_SORT_KEY) {
            await reactToLabels(toLabelsTransition(record), deps);
          } else if (sortKey === CASE_SORT_KEY) {
            await reactToCase(toCaseTransition(record), deps);
          } else {
            await reactToAnswer(toResponseTransition(record), deps);
          }
        },
      ),
    );

export const dependencies = reactorDeps;
export const handler = onAws(dependencies, createHandler);
