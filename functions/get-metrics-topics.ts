import { keptToTeamSegment, scopeOf } from '../lib/access/team-scope.js';
import type { MetricsDeps } from '../lib/aggregates/read-metrics.js';
import { answerTopicsQuery } from '../lib/aggregates/read-topics.js';
import { metricsDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * GET /metrics/topics?survey=nps&window=30d[&team=…]: the comments' sentiment, and their topics by
 * mentions, each with its sentiment, the score among the answers that mention it and its impact. A
 * lead kept to some teams reads one of their teams' segments, and is refused (403) any other.
 */
export const createHandler = (deps: MetricsDeps) =>
  httpHandler(async (event) =>
    json(200, await answerTopicsQuery(keptToTeamSegment(scopeOf(event), event.queryStringParameters), deps)),
  );

export const dependencies = metricsDeps;
export const handler = onAws(dependencies, createHandler);
