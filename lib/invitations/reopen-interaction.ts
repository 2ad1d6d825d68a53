import type { Clock } from '../platform/clock.js';
import { NotFoundError, parseOrThrow } from '../platform/errors.js';
import { InteractionReopenedSchema } from './interaction.js';
import { describeReopen } from './invitation.js';
import { type InvitationReport, reportInvitation } from './invitation-status.js';
import { invitationIdOf } from './link-tokens.js';
import type { InvitationStore, ResponseStore } from './ports.js';

export interface ReopenInteractionDeps {
  invitations: InvitationStore;
  responses: ResponseStore;
  clock: Clock;
}

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
  const invitationId = invitationIdOf(event.interactionId);
  const invitation = await deps.invitations.get(invitationId);
  if (!invitation) throw new NotFoundError(`no interaction ${event.interactionId} was received`);
  const reopenedAt = new Date(event.occurredAt ?? deps.clock.now()).toISOString();
  if (invitation.status === 'scheduled') {
    await deps.invitations.transition(invitationId, 'scheduled', 'cancelled', {
      reason: describeReopen(reopenedAt),
      reasonCode: 'reopened',
      reopenedAt,
    });
  } else if (invitation.status === 'sending') {
    // Being sent right now: if that send fails and would be retried, it is cancelled instead.
    await deps.invitations.transition(invitationId, 'sending', 'sending', { reopenedAt });
  }
  return reportInvitation(event.interactionId, deps);
};
