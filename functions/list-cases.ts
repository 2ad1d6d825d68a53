import { type CaseDeps, listCases } from '../lib/cases/cases.js';
import { caseDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { json } from '../lib/platform/http/responses.js';

/** GET /cases?status=&team=&limit=&after=: the newest cases first, `{ cases, next? }`. */
export const createHandler = (deps: CaseDeps) =>
  httpHandler(async (event) => json(200, await listCases(event.queryStringParameters ?? {}, deps)));

export const dependencies = caseDeps;
export const handler = onAws(dependencies, createHandler);
