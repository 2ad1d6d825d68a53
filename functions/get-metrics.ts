import { keptToTeamSegment, scopeOf } from '../lib/access/team-scope.js';
import { answerMetricsQuery, type MetricsDeps } from '../lib/aggregates/read-metrics.js';
import { metricsDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * GET /metrics?survey=nps&window=30d[&team=…][&compare=previous]: the rolling score, and with compare
 * the previous window and the change since; a wrong parameter is a 400 naming it. A lead kept to some
 * teams reads one of their teams' segments, and is refused (403) any other (lib/access/team-scope.ts).
 */
export const createHandler = (deps: MetricsDeps) =>
  httpHandler(async (event) =>
    json(200, await answerMetricsQuery(keptToTeamSegment(scopeOf(event), event.queryStringParameters), deps)),
  );

export const dependencies = metricsDeps;
export const handler = onAws(dependencies, createHandler);
