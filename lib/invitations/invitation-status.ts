import { type InsightView, insightViewOf } from '../insight/labels.js';
import type { LabelsStore } from '../insight/ports.js';
import { NotFoundError } from '../platform/errors.js';
import type { Invitation, InvitationStatus, ReasonCode } from './invitation.js';
import { invitationIdOf } from './link-tokens.js';
import type { InvitationStore, ResponseStore } from './ports.js';
import { type HeldChangeView, viewHeldChange } from './response.js';

export interface InvitationReport {
  interactionId: string;
  invitationId: string;
  status: InvitationStatus;
  reason?: string;
  /** A stable code beside `reason`: suppressed, fatigue, reopened, rejected, bounced, throttled, gave-up. */
  reasonCode?: ReasonCode;
  dueAt: string;
  sentAt?: string;
  /** Who sent the interaction: `integrator:<credential>`, or `bus`. */
  receivedFrom?: string;
  /**
   * SMS only: what the customer texted that could not be read as a score (the re-prompted text and
   * any after it), with when the latest of it arrived, until a score comes and it begins the comment.
   */
  unreadSms?: { text: string; receivedAt?: string };
  /** The answer, with its comment's labels (see `insightViewOf`). */
  response?: InsightView & {
    score: number;
    comment: string;
    suspect: boolean;
    /** When the first answer came, and when it last changed. */
    answeredAt: string;
    updatedAt: string;
    suspectReasons?: string[];
    releasedAt?: string;
    /** Who released it: a lead's email, or `integrator:<credential>`. */
    releasedBy?: string;
    /** A change of this counted answer held as suspect: counted only once released. */
    heldChange?: HeldChangeView;
  };
}

export interface InvitationReportDeps {
  invitations: InvitationStore;
  responses: ResponseStore;
  /** The answer's comment's labels (lib/insight), where the route shows them. */
  labels?: Pick<LabelsStore, 'get'>;
}

/** The invitation an integrator's interaction became; one never received is not found. */
export const invitationOfInteraction = async (
  interactionId: string,
  invitations: InvitationStore,
): Promise<Invitation> => {
  const invitation = await invitations.get(invitationIdOf(interactionId));
  if (!invitation) throw new NotFoundError(`no interaction ${interactionId} was received`);
  return invitation;
};

/** What became of an interaction, for the integrator who sent it. */
export const reportInvitation = async (
  interactionId: string,
  deps: InvitationReportDeps,
): Promise<InvitationReport> => {
  const invitation = await invitationOfInteraction(interactionId, deps.invitations);
  const { invitationId } = invitation;
  const [response, labels] = await Promise.all([
    deps.responses.get(invitationId),
    deps.labels?.get(invitationId) ?? null,
  ]);
  return {
    interactionId,
    invitationId,
    status: response ? 'answered' : invitation.status === 'sending' ? 'scheduled' : invitation.status,
    ...(invitation.reason ? { reason: invitation.reason } : {}),
    ...(invitation.reasonCode ? { reasonCode: invitation.reasonCode } : {}),
    dueAt: invitation.dueAt,
    ...(invitation.sentAt ? { sentAt: invitation.sentAt } : {}),
    ...(invitation.receivedFrom ? { receivedFrom: invitation.receivedFrom } : {}),
    ...(invitation.smsUnreadText
      ? {
          unreadSms: {
            text: invitation.smsUnreadText,
            ...(invitation.smsUnreadAt ? { receivedAt: invitation.smsUnreadAt } : {}),
          },
        }
      : {}),
    ...(response
      ? {
          response: {
            score: response.score,
            comment: response.comment,
            suspect: response.suspect,
            answeredAt: response.answeredAt,
            updatedAt: response.updatedAt,
            ...insightViewOf(response.comment, labels),
            ...(response.suspectReasons?.length ? { suspectReasons: response.suspectReasons } : {}),
            ...(response.releasedAt ? { releasedAt: response.releasedAt } : {}),
            ...(response.releasedBy ? { releasedBy: response.releasedBy } : {}),
            ...(response.heldChange ? { heldChange: viewHeldChange(response.heldChange) } : {}),
          },
        }
      : {}),
  };
};
