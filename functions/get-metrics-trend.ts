import { DynamoDbAggregateStore } from '../lib/aggregates/dynamodb-aggregate-store.js';
import type { AggregateStore } from '../lib/aggregates/ports.js';
import { readTrend, TrendQuerySchema } from '../lib/aggregates/read-metrics.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { type Clock, systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { parseOrThrow } from '../lib/platform/errors.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/** GET /metrics/trend?survey=nps&days=90&bucket=week[&team=…]: one point per day or week. */
export const createHandler = (deps: { aggregates: AggregateStore; clock: Clock; minSample: number }) =>
  httpHandler(async (event) => {
    const query = parseOrThrow(TrendQuerySchema, event.queryStringParameters ?? {});
    return json(200, await readTrend(query, deps));
  });

const config = readEnvironment({ TABLE_NAME: env.tableName, MIN_SAMPLE: env.positiveInt });
export const handler = createHandler({
  aggregates: new DynamoDbAggregateStore(awsClients.dynamodb(), config.TABLE_NAME),
  clock: systemClock,
  minSample: config.MIN_SAMPLE,
});
