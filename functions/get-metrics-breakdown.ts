import { answerBreakdownQuery } from '../lib/aggregates/read-breakdown.js';
import type { MetricsDeps } from '../lib/aggregates/read-metrics.js';
import { metricsDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * GET /metrics/breakdown?survey=nps&window=30d&by=agent[&compare=previous]: every value of the
 * dimension with answers in the window, side by side.
 */
export const createHandler = (deps: MetricsDeps) =>
  httpHandler(async (event) => json(200, await answerBreakdownQuery(event.queryStringParameters, deps)));

export const dependencies = metricsDeps;
export const handler = onAws(dependencies, createHandler);
