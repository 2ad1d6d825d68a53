import { refuseOutside, scopeOf } from '../lib/access/team-scope.js';
import { addCaseNote, type CaseDeps } from '../lib/cases/cases.js';
import { caseDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { caseActionOf, pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * POST /cases/{caseId}/notes with `{ note, by? }`: 200 with the case, the note last on its timeline,
 * whatever its status. 400 names `note` when it is missing, empty or longer than 2,000 characters
 * once trimmed, or not well-formed Unicode; 404 unknown; 403, before anything changes, for another
 * team's case and a lead kept to some teams.
 */
export const createHandler = (deps: CaseDeps) =>
  httpHandler(async (event) => {
    const caseId = pathParameter(event, 'caseId');
    await refuseOutside(scopeOf(event), 'caseId', () => deps.cases.get(caseId));
    return json(200, await addCaseNote(caseId, caseActionOf(event), deps));
  });

export const dependencies = caseDeps;
export const handler = onAws(dependencies, createHandler);
