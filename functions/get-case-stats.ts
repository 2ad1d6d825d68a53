import { keptToTeam, scopeOf } from '../lib/access/team-scope.js';
import { answerCaseStatsQuery, type CaseStatsDeps } from '../lib/cases/read-case-stats.js';
import { caseStatsDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * GET /cases/stats?window=30d[&team=…] (or `from`/`to`): the closed loop's figures, each counted on the
 * UTC day its answer says; a wrong parameter is a 400 naming it. A lead kept to some teams reads one of
 * their teams' figures, and is refused (403) another team's.
 */
export const createHandler = (deps: CaseStatsDeps) =>
  httpHandler(async (event) =>
    json(200, await answerCaseStatsQuery(keptToTeam(scopeOf(event), event.queryStringParameters), deps)),
  );

export const dependencies = caseStatsDeps;
export const handler = onAws(dependencies, createHandler);
