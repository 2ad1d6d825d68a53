import { invitationReportDeps, onAws } from '../lib/compose.js';
import { type InvitationReportDeps, reportInvitation } from '../lib/invitations/invitation-status.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { pathParameter } from '../lib/platform/http/requests.js';
import { json } from '../lib/platform/http/responses.js';

/**
 * GET /invitations/{interactionId}: status, reason, send time and the answer once there is one, with
 * its comment's labels.
 */
export const createHandler = (deps: Required<InvitationReportDeps>) =>
  httpHandler(async (event) =>
    json(200, await reportInvitation(pathParameter(event, 'interactionId'), deps)),
  );

export const dependencies = invitationReportDeps;
export const handler = onAws(dependencies, createHandler);
