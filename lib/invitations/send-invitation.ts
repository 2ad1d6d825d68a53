import { personKeysOf } from '../contacts/contact-keys.js';
import { type ContactPolicy, nextAllowedTime, rulesFor, zoneFor } from '../contacts/contact-policy.js';
import type { ContactLedger } from '../contacts/ports.js';
import { describeSuppression, suppressionChecksFor } from '../contacts/suppression.js';
import type { Clock } from '../platform/clock.js';
import { PermanentDeliveryError, ThrottledError } from '../platform/errors.js';
import type { MessageSettings } from '../settings.js';
import { SEND_ATTEMPTS } from '../settings.js';
import { resolveLocale } from '../surveys/locales.js';
import { scoresOf } from '../surveys/scales.js';
import { INVITATION_TAG } from './email/email-feedback.js';
import { renderInvitationEmail } from './email/invitation-email.js';
import { describeFatigue, describeReopen, type Invitation } from './invitation.js';
import type { Links } from './links.js';
import type { InvitationStore, Mailer, SendKind, SendQueue, SmsConversations, SmsSender } from './ports.js';
import { renderInvitationSms } from './sms/invitation-sms.js';

export interface SendInvitationDeps {
  invitations: InvitationStore;
  contacts: ContactLedger;
  mailer: Mailer;
  sms: SmsSender;
  /** Remembers each SMS sent, so that replies find their invitation. */
  conversations: SmsConversations;
  sendQueue: SendQueue;
  links: Links;
  clock: Clock;
  policy: ContactPolicy;
  messages: MessageSettings;
  /** Waits for the channel's share of the send rate. */
  pace: (channel: 'email' | 'sms') => Promise<void>;
}

/** How long a claim protects an invitation from a second sender: well past the function's timeout. */
export const SEND_LEASE_MS = 5 * 60_000;

/** Throttled sends are put back after 30 s, 1, 2, 4, 8 and 15 minutes; the seventh throttle fails the invitation. */
export const MAX_THROTTLED = 6;
const backoffMs = (throttledCount: number) => Math.min(15 * 60_000, 30_000 * 2 ** (throttledCount - 1));

/** The first instant at or after `at` outside the customer's quiet hours. */
const allowedTimeFor = (invitation: Invitation, at: Date, policy: ContactPolicy): Date =>
  nextAllowedTime(at, policy.quietHours, zoneFor(invitation.customer.timeZone, policy));

/** Another delivery holds the claim; the queue should bring this message back later. */
export class SendInProgressError extends Error {
  override readonly name = 'SendInProgressError';
}

export type SendOutcome =
  | 'sent'
  | 'not-due'
  | 'deferred'
  | 'already-handled'
  | 'skipped'
  | 'failed'
  | 'throttled'
  | 'unknown';

/**
 * Sends one due invitation, or its reminder. Everything the contact policy says is checked again
 * now, not only when the interaction arrived: quiet hours move the send to the next allowed time;
 * suppression (in any channel, bounces only in their own) and fatigue (one survey per person per N
 * days, counted from the send) skip it with its reason. The claim that checks them also moves the
 * invitation to `sending`, in one transaction, so a message delivered twice by the queue sends once
 * and an unsubscribe between scheduling and sending wins. A permanent rejection fails the invitation
 * with its reason; a throttle puts it back with a backoff; any other error puts it back and is
 * rethrown for the queue to retry.
 */
export const sendInvitation = async (
  invitationId: string,
  deps: SendInvitationDeps,
  kind: SendKind = 'invitation',
): Promise<SendOutcome> => {
  const invitation = await deps.invitations.get(invitationId);
  if (!invitation) return 'unknown';
  return kind === 'reminder' ? sendReminder(invitation, deps) : sendFirst(invitation, deps);
};

const sendFirst = async (invitation: Invitation, deps: SendInvitationDeps): Promise<SendOutcome> => {
  const { invitationId } = invitation;
  if (invitation.status === 'sending') {
    const claimedAt = new Date(invitation.claimedAt ?? 0).getTime();
    if (deps.clock.now().getTime() - claimedAt < SEND_LEASE_MS) {
      // Another delivery is sending it; if that one died, this message comes back after the lease.
      throw new SendInProgressError(`invitation ${invitationId} is being sent`);
    }
    // The sender that claimed it died before finishing: give its fatigue marks back and take it over, once.
    await deps.contacts.releaseSend(invitationId, personKeysOf(invitation.customer));
    if (!(await deps.invitations.transition(invitationId, 'sending', 'scheduled'))) return 'already-handled';
    invitation.status = 'scheduled';
  }
  if (invitation.status !== 'scheduled') return 'already-handled';
  const now = deps.clock.now();
  if (new Date(invitation.dueAt).getTime() > now.getTime()) {
    await deps.sendQueue.enqueue(invitationId, new Date(invitation.dueAt));
    return 'not-due';
  }
  const allowedAt = allowedTimeFor(invitation, now, deps.policy);
  if (allowedAt.getTime() > now.getTime()) {
    // Retries or a slow queue brought it into the customer's night: hold it until morning.
    await deps.invitations.transition(invitationId, 'scheduled', 'scheduled', {
      dueAt: allowedAt.toISOString(),
    });
    await deps.sendQueue.enqueue(invitationId, allowedAt);
    return 'deferred';
  }
  const rules = rulesFor(deps.policy, invitation.touchpoint);
  const fatigueKeys = personKeysOf(invitation.customer);
  const claim = await deps.contacts.claimSend({
    invitationId,
    kind: 'invitation',
    at: now,
    suppression: suppressionChecksFor(invitation.customer, invitation.via),
    fatigueKeys,
    fatigueSince: new Date(now.getTime() - rules.fatigueDays * 86_400_000),
    leaseCutoff: new Date(now.getTime() - SEND_LEASE_MS),
  });
  switch (claim.outcome) {
    case 'lost':
    case 'answered':
      return 'already-handled';
    case 'suppressed':
      await deps.invitations.transition(invitationId, 'scheduled', 'skipped', {
        reason: describeSuppression(claim.suppression),
        reasonCode: 'suppressed',
      });
      return 'skipped';
    case 'fatigued':
      await deps.invitations.transition(invitationId, 'scheduled', 'skipped', {
        reason: describeFatigue(claim.lastSentAt, invitation.touchpoint, rules.fatigueDays),
        reasonCode: 'fatigue',
      });
      return 'skipped';
    case 'claimed':
      break;
  }
  let messageId: string;
  try {
    messageId = await deliver(invitation, deps, false);
  } catch (error) {
    // Nothing went out: the person was not surveyed. A failure to give the marks back only errs
    // towards asking them less, so it must not hide the send's own error.
    await deps.contacts.releaseSend(invitationId, fatigueKeys).catch(() => undefined);
    return putBack(invitation, error, deps);
  }
  // It went out: from here on, a failure is retried without undoing the send's marks.
  const sentAt = deps.clock.now();
  const reminderDueAt =
    rules.reminderAfterDays === null
      ? undefined
      : allowedTimeFor(
          invitation,
          new Date(sentAt.getTime() + rules.reminderAfterDays * 86_400_000),
          deps.policy,
        );
  await deps.invitations.transition(invitationId, 'sending', 'sent', {
    sentAt: sentAt.toISOString(),
    messageId,
    reminderDueAt: reminderDueAt?.toISOString(),
  });
  if (reminderDueAt) await deps.sendQueue.enqueue(invitationId, reminderDueAt, 'reminder');
  return 'sent';
};

/**
 * After a send that sent nothing: a permanent rejection fails the invitation with its reason, a
 * throttle puts it back with a backoff (and fails it after too many), anything else puts it back and
 * is rethrown for the queue. An interaction reopened while it was being sent is cancelled instead.
 */
const putBack = async (
  invitation: Invitation,
  error: unknown,
  deps: SendInvitationDeps,
): Promise<SendOutcome> => {
  const { invitationId } = invitation;
  if (error instanceof PermanentDeliveryError) {
    await deps.invitations.transition(invitationId, 'sending', 'failed', {
      reason: error.message,
      reasonCode: 'rejected',
    });
    return 'failed';
  }
  const current = await deps.invitations.get(invitationId);
  if (current?.reopenedAt) {
    await deps.invitations.transition(invitationId, 'sending', 'cancelled', {
      reason: describeReopen(current.reopenedAt),
      reasonCode: 'reopened',
    });
    return 'already-handled';
  }
  if (error instanceof ThrottledError) {
    const throttledCount = (invitation.throttledCount ?? 0) + 1;
    if (throttledCount > MAX_THROTTLED) {
      await deps.invitations.transition(invitationId, 'sending', 'failed', {
        reason: `throttled by the provider ${throttledCount} times: ${error.message}`,
        reasonCode: 'throttled',
        throttledCount,
      });
      return 'failed';
    }
    const dueAt = new Date(deps.clock.now().getTime() + backoffMs(throttledCount));
    await deps.invitations.transition(invitationId, 'sending', 'scheduled', {
      dueAt: dueAt.toISOString(),
      throttledCount,
    });
    await deps.sendQueue.enqueue(invitationId, dueAt);
    return 'throttled';
  }
  await deps.invitations.transition(invitationId, 'sending', 'scheduled');
  throw error;
};

/**
 * The optional single reminder: sent only while the survey is unanswered and the person is not
 * suppressed (both checked in the claim), never counted as a new survey for fatigue.
 */
const sendReminder = async (invitation: Invitation, deps: SendInvitationDeps): Promise<SendOutcome> => {
  const { invitationId } = invitation;
  if (invitation.status !== 'sent' || !invitation.reminderDueAt || invitation.reminderSentAt) {
    return 'already-handled';
  }
  const now = deps.clock.now();
  if (
    invitation.reminderClaimedAt &&
    now.getTime() - new Date(invitation.reminderClaimedAt).getTime() < SEND_LEASE_MS
  ) {
    throw new SendInProgressError(`the reminder of ${invitationId} is being sent`);
  }
  if (new Date(invitation.reminderDueAt).getTime() > now.getTime()) {
    await deps.sendQueue.enqueue(invitationId, new Date(invitation.reminderDueAt), 'reminder');
    return 'not-due';
  }
  const allowedAt = allowedTimeFor(invitation, now, deps.policy);
  if (allowedAt.getTime() > now.getTime()) {
    await deps.invitations.transition(invitationId, 'sent', 'sent', {
      reminderDueAt: allowedAt.toISOString(),
    });
    await deps.sendQueue.enqueue(invitationId, allowedAt, 'reminder');
    return 'deferred';
  }
  const claim = await deps.contacts.claimSend({
    invitationId,
    kind: 'reminder',
    at: now,
    suppression: suppressionChecksFor(invitation.customer, invitation.via),
    fatigueKeys: [],
    fatigueSince: now,
    leaseCutoff: new Date(now.getTime() - SEND_LEASE_MS),
  });
  if (claim.outcome === 'lost' || claim.outcome === 'answered') return 'already-handled';
  if (claim.outcome === 'suppressed' || claim.outcome === 'fatigued') {
    await deps.invitations.transition(invitationId, 'sent', 'sent', {}, ['reminderDueAt']);
    return 'skipped';
  }
  let messageId: string;
  try {
    messageId = await deliver(invitation, deps, true);
  } catch (error) {
    // Nothing went out. A reminder is a courtesy: one refused for good, or throttled too often, is dropped.
    const throttledCount = (invitation.reminderThrottledCount ?? 0) + 1;
    if (
      error instanceof PermanentDeliveryError ||
      (error instanceof ThrottledError && throttledCount > MAX_THROTTLED)
    ) {
      await deps.invitations.transition(invitationId, 'sent', 'sent', {}, [
        'reminderDueAt',
        'reminderClaimedAt',
      ]);
      return 'failed';
    }
    if (error instanceof ThrottledError) {
      const dueAt = new Date(deps.clock.now().getTime() + backoffMs(throttledCount));
      await deps.invitations.transition(
        invitationId,
        'sent',
        'sent',
        { reminderDueAt: dueAt.toISOString(), reminderThrottledCount: throttledCount },
        ['reminderClaimedAt'],
      );
      await deps.sendQueue.enqueue(invitationId, dueAt, 'reminder');
      return 'throttled';
    }
    await deps.invitations.transition(invitationId, 'sent', 'sent', {}, ['reminderClaimedAt']);
    throw error;
  }
  await deps.invitations.transition(
    invitationId,
    'sent',
    'sent',
    { reminderSentAt: deps.clock.now().toISOString(), reminderMessageId: messageId },
    ['reminderClaimedAt'],
  );
  return 'sent';
};

/**
 * The last receive of a message failed too: the invitation (or its reminder) is marked failed with
 * the error, so that an integrator reads why instead of a `scheduled` that never moves. The message
 * itself still goes to the dead-letter queue.
 */
export const giveUpSend = async (
  invitationId: string,
  kind: SendKind,
  error: unknown,
  deps: Pick<SendInvitationDeps, 'invitations'>,
): Promise<void> => {
  const invitation = await deps.invitations.get(invitationId);
  if (!invitation) return;
  const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (kind === 'reminder') {
    await deps.invitations.transition(invitationId, 'sent', 'sent', {}, [
      'reminderDueAt',
      'reminderClaimedAt',
    ]);
    return;
  }
  if (invitation.status === 'scheduled' || invitation.status === 'sending') {
    await deps.invitations.transition(invitationId, invitation.status, 'failed', {
      reason: `gave up after ${SEND_ATTEMPTS} attempts: ${why}`,
      reasonCode: 'gave-up',
    });
  }
};

/** Renders the invitation in the customer's language and hands it to its channel. */
const deliver = async (
  invitation: Invitation,
  deps: SendInvitationDeps,
  reminder: boolean,
): Promise<string> => {
  const locale = resolveLocale(invitation.customer.locale, deps.messages.defaultLocale);
  if (invitation.via === 'sms') {
    if (!invitation.customer.phone) throw new PermanentDeliveryError('the customer has no phone number');
    await deps.pace('sms');
    const messageId = await deps.sms.send({
      to: invitation.customer.phone,
      text: renderInvitationSms({
        survey: invitation.survey,
        locale,
        brand: deps.messages.brandName,
        reminder,
      }),
    });
    await deps.conversations.recordSent({
      phone: invitation.customer.phone,
      invitationId: invitation.invitationId,
      messageId,
      sentAt: deps.clock.now(),
    });
    return messageId;
  }
  if (!invitation.customer.email) throw new PermanentDeliveryError('the customer has no email address');
  const urls = new Map<number, string>();
  for (const score of scoresOf(invitation.survey)) {
    urls.set(score, await deps.links.surveyUrl(invitation.invitationId, score));
  }
  const unsubscribeUrl = await deps.links.unsubscribeUrl(invitation.invitationId);
  const rendered = renderInvitationEmail({
    survey: invitation.survey,
    locale,
    brand: deps.messages.brandName,
    customerName: invitation.customer.name,
    scoreUrl: (score) => urls.get(score) ?? '',
    unsubscribeUrl,
    reminder,
  });
  await deps.pace('email');
  return deps.mailer.send({
    to: invitation.customer.email,
    ...rendered,
    // RFC 8058: mail clients show an unsubscribe button and POST `List-Unsubscribe=One-Click` to it.
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    tags: { [INVITATION_TAG]: invitation.invitationId },
  });
};
