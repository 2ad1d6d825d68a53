import type { AggregateStore } from '../lib/aggregates/ports.js';
import { MetricsQuerySchema, readMetrics } from '../lib/aggregates/read-metrics.js';
import { metricsDeps, onAws } from '../lib/compose.js';
import type { Clock } from '../lib/platform/clock.js';
import { parseOrThrow } from '../lib/platform/errors.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/** GET /metrics?survey=nps&window=30d[&team=…]: the rolling score; a wrong parameter is a 400 naming it. */
export const createHandler = (deps: { aggregates: AggregateStore; clock: Clock; minSample: number }) =>
  httpHandler(async (event) => {
    const query = parseOrThrow(MetricsQuerySchema, event.queryStringParameters ?? {});
    return json(200, await readMetrics(query, deps));
  });

export const dependencies = metricsDeps;
export const handler = onAws(dependencies, createHandler);
