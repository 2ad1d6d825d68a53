import { refuseOutside, scopeOf } from '../lib/access/team-scope.js';
import { type ResolveDeps, resolveCase } from '../lib/cases/resolve-case.js';
import { onAws, resolveCaseDeps } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { caseActionOf, pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * POST /cases/{caseId}/resolve with `{ reason, note?, by?, recoverySurvey? }`: 200 with the case; 404
 * unknown, 409 a move its status does not allow; 403, before anything changes or is sent, for another
 * team's case and a lead kept to some teams. Invites the customer to the recovery survey first when
 * the stage sends them.
 */
export const createHandler = (deps: ResolveDeps) =>
  httpHandler(async (event) => {
    const caseId = pathParameter(event, 'caseId');
    await refuseOutside(scopeOf(event), 'caseId', () => deps.cases.get(caseId));
    return json(200, await resolveCase(caseId, caseActionOf(event), deps));
  });

export const dependencies = resolveCaseDeps;
export const handler = onAws(dependencies, createHandler);
