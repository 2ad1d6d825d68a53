import { exportPersonDeps, onAws } from '../lib/compose.js';
import { type ExportDeps, exportPerson } from '../lib/people/export-person.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { actingAs } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * GET /people/export?customerId=|email=|phone=: everything held about the person, `{ invitations,
 * responses, cases, suppressions }`, for an access request; empty lists for a person unknown or erased;
 * 400 naming the field that is missing or malformed.
 */
export const createHandler = (deps: ExportDeps) =>
  httpHandler(async (event) =>
    json(200, await exportPerson(event.queryStringParameters ?? {}, actingAs(event), deps)),
  );

export const dependencies = exportPersonDeps;
export const handler = onAws(dependencies, createHandler);
