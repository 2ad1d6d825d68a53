import { erasePersonDeps, onAws } from '../lib/compose.js';
import { erasePerson, type PeopleDeps } from '../lib/people/erase-person.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { actingAs, jsonBody } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * POST /people/erase: `{ customerId?, email?, phone? }`, at least one. Scrubs the person from every
 * item at once and answers 200 with the receipt, `{ erasureId, erased: { invitations, responses, … } }`
 * (all zero for a person unknown or erased already); 400 naming the field that is missing or malformed.
 */
export const createHandler = (deps: PeopleDeps) =>
  httpHandler(async (event) => json(200, await erasePerson(jsonBody(event), actingAs(event), deps)));

export const dependencies = erasePersonDeps;
export const handler = onAws(dependencies, createHandler);
