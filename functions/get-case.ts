import { type CaseDeps, getCase } from '../lib/cases/cases.js';
import { caseDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/** GET /cases/{caseId}: the case an alert links to. */
export const createHandler = (deps: CaseDeps) =>
  httpHandler(async (event) => json(200, await getCase(pathParameter(event, 'caseId'), deps)));

export const dependencies = caseDeps;
export const handler = onAws(dependencies, createHandler);
