import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbAggregateStore } from '../lib/adapters/dynamodb-aggregate-store.js';
import { env, readEnvironment } from '../lib/config.js';
import { type AggregateStore, type Clock, systemClock } from '../lib/core/ports.js';
import { MetricsQuerySchema, readMetrics } from '../lib/core/read-metrics.js';
import { parseOrThrow } from '../lib/domain/errors.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { json } from '../lib/http/responses.js';

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
