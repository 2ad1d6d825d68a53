import { releaseAnswer } from '../lib/answers/record-answer.js';
import { onAws, releaseAnswerDeps } from '../lib/compose.js';
import { reportInvitation } from '../lib/invitations/invitation-status.js';
import type { InvitationStore, ResponseStore } from '../lib/invitations/ports.js';
import type { Clock } from '../lib/platform/clock.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { actingAs, pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * POST /invitations/{interactionId}/release: an answer held as suspect counts after all, recorded as
 * released by whoever the authorizer says called. 200 with the invitation as `GET /invitations` shows
 * it; 404 without an answer, 409 when it is not held.
 */
export const createHandler = (deps: {
  invitations: InvitationStore;
  responses: ResponseStore;
  clock: Clock;
}) =>
  httpHandler(async (event) => {
    const interactionId = pathParameter(event, 'interactionId');
    await releaseAnswer(interactionId, actingAs(event), deps);
    return json(200, await reportInvitation(interactionId, deps));
  });

export const dependencies = releaseAnswerDeps;
export const handler = onAws(dependencies, createHandler);
