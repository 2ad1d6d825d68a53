import * as z from 'zod';
import type { Clock } from '../platform/clock.js';
import { parseOrThrow } from '../platform/errors.js';
import { describeReopen, InteractionIdSchema } from './invitation.js';
import {
  type InvitationReport,
  type InvitationReportDeps,
  invitationOfInteraction,
  reportInvitation,
} from './invitation-status.js';

/**
 * The interaction was reopened (the ticket came back): an invitation not yet sent is cancelled, and a
 * later `InteractionCompleted` for it schedules it again.
 */
export const InteractionReopenedSchema = z.object({
  interactionId: InteractionIdSchema,
  occurredAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
});
export type InteractionReopened = z.infer<typeof InteractionReopenedSchema>;

/** Reading the invitation and its answer, as the report does, and the time of the reopening. */
export type ReopenInteractionDeps = InvitationReportDeps & { clock: Clock };

/**
 * Cancels the invitation of a reopened interaction if it has not gone out yet: a customer whose
 * problem came back is not asked how it went. Once sent, it stays sent; one being sent is cancelled
 * if that send fails. Answers what became of the
 * invitation; an interaction never received is not found.
 */
export const reopenInteraction = async (
  input: unknown,
  deps: ReopenInteractionDeps,
): Promise<InvitationReport> => {
  const event = parseOrThrow(InteractionReopenedSchema, input);
  const invitation = await invitationOfInteraction(event.interactionId, deps.invitations);
  const { invitationId } = invitation;
  const reopenedAt = new Date(event.occurredAt ?? deps.clock.now()).toISOString();
  if (invitation.status === 'scheduled') {
    await deps.invitations.transition(invitationId, 'scheduled', 'cancelled', {
      reason: describeReopen(reopenedAt),
      reasonCode: 'reopened',
      reopenedAt,
      settledAt: deps.clock.now().toISOString(),
    });
  } else if (invitation.status === 'sending') {
    // Being sent right now: if that send fails and would be retried, it is cancelled instead.
    await deps.invitations.transition(invitationId, 'sending', 'sending', { reopenedAt });
  }
  return reportInvitation(event.interactionId, deps);
};
