import { refuseOutside, scopeOf } from '../lib/access/team-scope.js';
import { releaseAnswer } from '../lib/answers/record-answer.js';
import { onAws, releaseAnswerDeps } from '../lib/compose.js';
import { reportInvitation } from '../lib/invitations/invitation-status.js';
import { invitationIdOf } from '../lib/invitations/link-tokens.js';
import type { InvitationStore, ResponseStore } from '../lib/invitations/ports.js';
import type { Clock } from '../lib/platform/clock.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { actingAs, pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * POST /invitations/{interactionId}/release: an answer held as suspect counts after all, recorded as
 * released by whoever the authorizer says called. 200 with the invitation as `GET /invitations` shows
 * it; 404 without an answer, 409 when it is not held; 403, before anything changes, for another team's
 * answer and a lead kept to some teams.
 */
export const createHandler = (deps: {
  invitations: InvitationStore;
  responses: ResponseStore;
  clock: Clock;
}) =>
  httpHandler(async (event) => {
    const interactionId = pathParameter(event, 'interactionId');
    await refuseOutside(scopeOf(event), 'interactionId', () =>
      deps.invitations.get(invitationIdOf(interactionId)),
    );
    await releaseAnswer(interactionId, actingAs(event), deps);
    return json(200, await reportInvitation(interactionId, deps));
  });

export const dependencies = releaseAnswerDeps;
export const handler = onAws(dependencies, createHandler);
