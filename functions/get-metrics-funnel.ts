import { keptToTeamSegment, scopeOf } from '../lib/access/team-scope.js';
import { answerFunnelQuery } from '../lib/aggregates/read-funnel.js';
import type { MetricsDeps } from '../lib/aggregates/read-metrics.js';
import { metricsDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * GET /metrics/funnel?survey=nps&window=30d[&team=…]: received, sent, skipped, failed, answered,
 * response rate. A lead kept to some teams reads one of their teams' segments, and is refused (403) any other.
 */
export const createHandler = (deps: MetricsDeps) =>
  httpHandler(async (event) =>
    json(200, await answerFunnelQuery(keptToTeamSegment(scopeOf(event), event.queryStringParameters), deps)),
  );

export const dependencies = metricsDeps;
export const handler = onAws(dependencies, createHandler);
