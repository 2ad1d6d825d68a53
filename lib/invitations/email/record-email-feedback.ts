import { normalizeEmail } from '../../contacts/contact-keys.js';
import type { ContactLedger } from '../../contacts/ports.js';
import type { SuppressionReason } from '../../contacts/suppression.js';
import type { Clock } from '../../platform/clock.js';
import { parseOrThrow } from '../../platform/errors.js';
import type { InvitationStore } from '../ports.js';
import { type EmailFeedback, EmailFeedbackSchema, INVITATION_TAG } from './email-feedback.js';

export interface EmailFeedbackDeps {
  contacts: ContactLedger;
  invitations: InvitationStore;
  clock: Clock;
}

/** What one feedback event did, as it is logged: reasons and ids, never an address. */
export interface FeedbackOutcome {
  /** Why each address it named was suppressed, one entry per address. */
  suppressed: SuppressionReason[];
  /** The invitation marked failed because its email bounced for good. */
  failedInvitation?: string;
}

/**
 * Feeds SES's bounce, complaint and subscription events into suppression: a permanent bounce and a
 * complaint (unless the feedback says it is not spam) suppress the address, an unsubscribe-all
 * suppresses it as unsubscribed. Transient bounces change nothing; SES retried them already and a
 * later survey may well arrive. A permanently bounced invitation is marked failed with the reason.
 */
export const recordEmailFeedback = async (
  input: unknown,
  deps: EmailFeedbackDeps,
): Promise<FeedbackOutcome> => {
  const event = parseOrThrow(EmailFeedbackSchema, input, 'Message');
  const at = deps.clock.now().toISOString();
  const source = `ses:${event.mail.messageId}`;
  const suppressed = suppressionsOf(event);
  const invitationId = event.mail.tags?.[INVITATION_TAG]?.[0];
  // The invitation's person was erased meanwhile: its address is suppressed as the keyed hash the
  // erasure kept (if it kept one), never written back in the clear.
  const invitation = invitationId && suppressed.length > 0 ? await deps.invitations.get(invitationId) : null;
  const erased = invitation?.erasedAt !== undefined;
  for (const { address, reason } of suppressed) {
    if (!erased) {
      await deps.contacts.suppress({ key: `email:${normalizeEmail(address)}`, reason, at, source });
    } else if (invitation?.erasedContact) {
      await deps.contacts.suppress({ key: invitation.erasedContact, reason, at });
    }
  }
  if (invitationId && event.eventType === 'Bounce' && event.bounce?.bounceType === 'Permanent') {
    const failed = await deps.invitations.transition(invitationId, 'sent', 'failed', {
      reason: `bounced: ${event.bounce.bounceSubType ?? 'Permanent'} bounce reported by the recipient's mail server`,
      reasonCode: 'bounced',
      settledAt: deps.clock.now().toISOString(),
    });
    if (failed) return { suppressed: suppressed.map(({ reason }) => reason), failedInvitation: invitationId };
    // A bounce can beat the send's own bookkeeping; the retry finds the invitation sent.
    const invitation = await deps.invitations.get(invitationId);
    if (invitation?.status === 'sending') {
      throw new Error(`invitation ${invitationId} bounced while its send was still being recorded; retrying`);
    }
  }
  return { suppressed: suppressed.map(({ reason }) => reason) };
};

const suppressionsOf = (event: EmailFeedback): { address: string; reason: SuppressionReason }[] => {
  switch (event.eventType) {
    case 'Bounce':
      return event.bounce?.bounceType === 'Permanent'
        ? event.bounce.bouncedRecipients.map(({ emailAddress }) => ({
            address: emailAddress,
            reason: 'hard-bounce' as const,
          }))
        : [];
    case 'Complaint':
      return event.complaint?.complaintFeedbackType === 'not-spam'
        ? []
        : (event.complaint?.complainedRecipients ?? []).map(({ emailAddress }) => ({
            address: emailAddress,
            reason: 'complaint' as const,
          }));
    case 'Subscription':
      return event.subscription?.newTopicPreferences?.unsubscribeAll
        ? event.mail.destination.map((address) => ({ address, reason: 'unsubscribed' as const }))
        : [];
    default:
      return [];
  }
};
