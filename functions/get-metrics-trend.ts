import { keptToTeamSegment, scopeOf } from '../lib/access/team-scope.js';
import { answerTrendQuery, type MetricsDeps } from '../lib/aggregates/read-metrics.js';
import { metricsDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * GET /metrics/trend?survey=nps&days=90&bucket=week[&team=…]: one point per day or week. A lead kept to
 * some teams reads one of their teams' segments, and is refused (403) any other.
 */
export const createHandler = (deps: MetricsDeps) =>
  httpHandler(async (event) =>
    json(200, await answerTrendQuery(keptToTeamSegment(scopeOf(event), event.queryStringParameters), deps)),
  );

export const dependencies = metricsDeps;
export const handler = onAws(dependencies, createHandler);
