import { breakdownValuesOf, scopeOf } from '../lib/access/team-scope.js';
import { answerBreakdownQuery } from '../lib/aggregates/read-breakdown.js';
import type { MetricsDeps } from '../lib/aggregates/read-metrics.js';
import { metricsDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * GET /metrics/breakdown?survey=nps&window=30d&by=agent[&compare=previous]: every value of the
 * dimension with answers in the window, side by side. A lead kept to some teams gets their teams' rows
 * by team, and is refused (403) a breakdown by any other dimension, which is kept across every team.
 */
export const createHandler = (deps: MetricsDeps) =>
  httpHandler(async (event) => {
    const scope = scopeOf(event);
    return json(
      200,
      await answerBreakdownQuery(event.queryStringParameters, deps, (by) => breakdownValuesOf(scope, by)),
    );
  });

export const dependencies = metricsDeps;
export const handler = onAws(dependencies, createHandler);
