import { DynamoDbAggregateStore } from '../lib/aggregates/dynamodb-aggregate-store.js';
import type { AggregateStore } from '../lib/aggregates/ports.js';
import { MetricsQuerySchema, readMetrics } from '../lib/aggregates/read-metrics.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { type Clock, systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { parseOrThrow } from '../lib/platform/errors.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/** GET /metrics?survey=nps&window=30d[&team=…]: the rolling score; a wrong parameter is a 400 naming it. */
export const createHandler = (deps: { aggregates: AggregateStore; clock: Clock; minSample: number }) =>
  httpHandler(async (event) => {
    const query = parseOrThrow(MetricsQuerySchema, event.queryStringParameters ?? {});
    return json(200, await readMetrics(query, deps));
  });

const config = readEnvironment({ TABLE_NAME: env.tableName, MIN_SAMPLE: env.positiveInt });
export const handler = createHandler({
  aggregates: new DynamoDbAggregateStore(awsClients.dynamodb(), config.TABLE_NAME),
  clock: systemClock,
  minSample: config.MIN_SAMPLE,
});
