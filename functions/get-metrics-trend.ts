import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbAggregateStore } from '../lib/adapters/dynamodb-aggregate-store.js';
import { env, readEnvironment } from '../lib/config.js';
import { type AggregateStore, type Clock, systemClock } from '../lib/core/ports.js';
import { readTrend, TrendQuerySchema } from '../lib/core/read-metrics.js';
import { parseOrThrow } from '../lib/domain/errors.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { json } from '../lib/http/responses.js';

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
