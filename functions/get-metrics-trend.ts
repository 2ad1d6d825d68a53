import type { AggregateStore } from '../lib/aggregates/ports.js';
import { readTrend, TrendQuerySchema } from '../lib/aggregates/read-metrics.js';
import { metricsDeps, onAws } from '../lib/compose.js';
import type { Clock } from '../lib/platform/clock.js';
import { parseOrThrow } from '../lib/platform/errors.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/** GET /metrics/trend?survey=nps&days=90&bucket=week[&team=…]: one point per day or week. */
export const createHandler = (deps: { aggregates: AggregateStore; clock: Clock; minSample: number }) =>
  httpHandler(async (event) => {
    const query = parseOrThrow(TrendQuerySchema, event.queryStringParameters ?? {});
    return json(200, await readTrend(query, deps));
  });

export const dependencies = metricsDeps;
export const handler = onAws(dependencies, createHandler);
