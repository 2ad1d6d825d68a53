import { keptToTeam, scopeOf } from '../lib/access/team-scope.js';
import { type CaseDeps, listCases } from '../lib/cases/cases.js';
import { caseDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * GET /cases?status=&team=&limit=&after=: the newest cases first, `{ cases, next? }`. A lead kept to
 * some teams lists one of their teams' cases, and is refused (403) another team's.
 */
export const createHandler = (deps: CaseDeps) =>
  httpHandler(async (event) =>
    json(200, await listCases(keptToTeam(scopeOf(event), event.queryStringParameters), deps)),
  );

export const dependencies = caseDeps;
export const handler = onAws(dependencies, createHandler);
