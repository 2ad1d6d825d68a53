import { refuseOutside, scopeOf } from '../lib/access/team-scope.js';
import { type AssignDeps, assignCase } from '../lib/cases/assign-case.js';
import { assignCaseDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { caseActionOf, pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * POST /cases/{caseId}/assign with `{ assignee, by? }`: 200 with the case. `assignee` is one of the
 * stage's leads by email, or `null` (or `""`) to unassign. 400 names `assignee` when it is no lead of
 * the stage, or a lead kept to other teams; 404 unknown; 409 a resolved case, or one just assigned
 * by someone else; 403, before anything changes, for another team's case and a lead kept to some
 * teams.
 *
 * Assigning does not acknowledge the case: it names who should take it, while acknowledging says
 * someone is on it, which is what the SLA and the escalation wait for. An assigned case left
 * unacknowledged still escalates.
 */
export const createHandler = (deps: AssignDeps) =>
  httpHandler(async (event) => {
    const caseId = pathParameter(event, 'caseId');
    await refuseOutside(scopeOf(event), 'caseId', () => deps.cases.get(caseId));
    return json(200, await assignCase(caseId, caseActionOf(event), deps));
  });

export const dependencies = assignCaseDeps;
export const handler = onAws(dependencies, createHandler);
