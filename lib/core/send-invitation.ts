import { PermanentDeliveryError } from '../domain/errors.js';
import { scoresOf } from '../domain/survey.js';
import { renderInvitationEmail } from '../messages/invitation-email.js';
import type { Links } from './links.js';
import type { Clock, InvitationStore, Mailer, SendQueue } from './ports.js';

export interface SendInvitationDeps {
  invitations: InvitationStore;
  mailer: Mailer;
  sendQueue: SendQueue;
  links: Links;
  clock: Clock;
}

/** How long a claim protects an invitation from a second sender: well past the function's timeout. */
export const SEND_LEASE_MS = 5 * 60_000;

/** Another delivery holds the claim; the queue should bring this message back later. */
export class SendInProgressError extends Error {
  override readonly name = 'SendInProgressError';
}

export type SendOutcome = 'sent' | 'not-due' | 'already-handled' | 'skipped' | 'failed' | 'unknown';

/**
 * Sends one due invitation. The invitation is claimed (scheduled → sending) before the mail goes out,
 * so a message delivered twice by the queue sends one email. A message that arrives early (queue
 * delays are capped) is put back for the rest of the wait. A permanent rejection marks the invitation
 * failed with its reason; any other error puts it back to scheduled and is rethrown for a retry.
 */
export const sendInvitation = async (
  invitationId: string,
  deps: SendInvitationDeps,
): Promise<SendOutcome> => {
  const invitation = await deps.invitations.get(invitationId);
  if (!invitation) return 'unknown';
  if (invitation.status === 'sending') {
    const claimedAt = new Date(invitation.claimedAt ?? 0).getTime();
    if (deps.clock.now().getTime() - claimedAt < SEND_LEASE_MS) {
      // Another delivery is sending it; if that one died, this message comes back after the lease.
      throw new SendInProgressError(`invitation ${invitationId} is being sent`);
    }
    // The sender that claimed it died before finishing: take it over, once.
    if (!(await deps.invitations.transition(invitationId, 'sending', 'scheduled'))) return 'already-handled';
    invitation.status = 'scheduled';
  }
  if (invitation.status !== 'scheduled') return 'already-handled';
  const now = deps.clock.now();
  if (new Date(invitation.dueAt).getTime() > now.getTime()) {
    await deps.sendQueue.enqueue(invitationId, new Date(invitation.dueAt));
    return 'not-due';
  }
  if (invitation.via !== 'email' || !invitation.customer.email) {
    await deps.invitations.transition(invitationId, 'scheduled', 'skipped', {
      reason: 'sms invitations are not available yet',
    });
    return 'skipped';
  }
  const claimedAt = deps.clock.now().toISOString();
  if (!(await deps.invitations.transition(invitationId, 'scheduled', 'sending', { claimedAt }))) {
    return 'already-handled';
  }
  try {
    const urls = new Map<number, string>();
    for (const score of scoresOf(invitation.survey)) {
      urls.set(score, await deps.links.surveyUrl(invitationId, score));
    }
    const rendered = renderInvitationEmail({
      survey: invitation.survey,
      customerName: invitation.customer.name,
      scoreUrl: (score) => urls.get(score) ?? '',
    });
    const messageId = await deps.mailer.send({ to: invitation.customer.email, ...rendered });
    await deps.invitations.transition(invitationId, 'sending', 'sent', {
      sentAt: deps.clock.now().toISOString(),
      messageId,
    });
    return 'sent';
  } catch (error) {
    if (error instanceof PermanentDeliveryError) {
      await deps.invitations.transition(invitationId, 'sending', 'failed', { reason: error.message });
      return 'failed';
    }
    await deps.invitations.transition(invitationId, 'sending', 'scheduled');
    throw error;
  }
};
