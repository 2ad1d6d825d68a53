import { refuseOutside, scopeOf } from '../lib/access/team-scope.js';
import { type CaseViewDeps, viewCase } from '../lib/cases/cases.js';
import { caseViewDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * GET /cases/{caseId}: the case an alert links to, with a held change of its answer when there is one;
 * another team's case is refused (403) to a lead kept to some teams.
 */
export const createHandler = (deps: CaseViewDeps) =>
  httpHandler(async (event) => {
    const caseId = pathParameter(event, 'caseId');
    await refuseOutside(scopeOf(event), 'caseId', () => deps.cases.get(caseId));
    return json(200, await viewCase(caseId, deps));
  });

export const dependencies = caseViewDeps;
export const handler = onAws(dependencies, createHandler);
