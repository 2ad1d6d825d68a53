import { personKeysOf } from '../contacts/contact-keys.js';
import {
  type ContactPolicy,
  fatigueSince,
  nextAllowedTime,
  rulesFor,
  zoneFor,
} from '../contacts/contact-policy.js';
import type { ContactLedger } from '../contacts/ports.js';
import {
  describeSmsDestinationRefusal,
  type SmsDestinationRefusal,
  smsDestinationRefusal,
} from '../contacts/sms-destinations.js';
import { describeSuppression, suppressionChecksFor } from '../contacts/suppression.js';
import type { Clock } from '../platform/clock.js';
import { PermanentDeliveryError, ThrottledError } from '../platform/errors.js';
import { measure } from '../platform/metrics.js';
import { SEND_ATTEMPTS } from '../settings/sending.js';
import { describeFatigue, describeReopen, type Invitation, type ReasonCode } from './invitation.js';
import type { InvitationStore, SendChannel, SendKind, SendQueue } from './ports.js';

/**
 * The send flow every channel shares: the claim, the contact policy, reschedules, the reminder and
 * giving up. What is the channel's own (rendering, the provider, its pace) is behind `channel`, so that
 * the function sending email bundles no SMS code or client, and the other way round.
 */
export interface SendInvitationDeps {
  invitations: InvitationStore;
  contacts: ContactLedger;
  /** Reschedules and reminders go back on the queue of the invitation's channel. */
  sendQueue: SendQueue;
  clock: Clock;
  policy: ContactPolicy;
  /** The one channel this sender sends by; an invitation of another channel is moved to its queue. */
  channel: SendChannel;
}

/** How long a claim protects an invitation from a second sender: well past the function's timeout. */
export const SEND_LEASE_MS = 5 * 60_000;

/** Throttled sends are put back after 30 s, 1, 2, 4, 8 and 15 minutes; the seventh throttle fails the invitation. */
export const MAX_THROTTLED = 6;
const backoffMs = (throttledCount: number) => Math.min(15 * 60_000, 30_000 * 2 ** (throttledCount - 1));

/** Asks for the invitation itself, or for its reminder, on the queue of the invitation's channel. */
const firstOf = (invitation: Invitation) => ({ via: invitation.via, kind: 'invitation' as const });
const reminderOf = (invitation: Invitation) => ({ via: invitation.via, kind: 'reminder' as const });

/** The first instant at or after `at` outside the customer's quiet hours. */
const allowedTimeFor = (invitation: Invitation, at: Date, policy: ContactPolicy): Date =>
  nextAllowedTime(at, policy.quietHours, zoneFor(invitation.customer.timeZone, policy));

/**
 * A message's wait for its time, the same for the invitation and its reminder: not yet due, it goes
 * back on the queue; due inside the customer's quiet hours (retries or a slow queue brought it into
 * their night), it is held until they end, its new due time kept on the invitation. Answers why it
 * waits, or null when it may go now.
 */
const waitForSendTime = async (
  invitation: Invitation,
  kind: SendKind,
  now: Date,
  deps: Pick<SendInvitationDeps, 'invitations' | 'sendQueue' | 'policy'>,
): Promise<'not-due' | 'deferred' | null> => {
  const { invitationId } = invitation;
  const message = kind === 'reminder' ? reminderOf(invitation) : firstOf(invitation);
  const dueAt = new Date((kind === 'reminder' ? invitation.reminderDueAt : invitation.dueAt) ?? now);
  if (dueAt.getTime() > now.getTime()) {
    await deps.sendQueue.enqueue(invitationId, dueAt, message);
    return 'not-due';
  }
  const allowedAt = allowedTimeFor(invitation, now, deps.policy);
  if (allowedAt.getTime() <= now.getTime()) return null;
  const [status, field] =
    kind === 'reminder' ? (['sent', 'reminderDueAt'] as const) : (['scheduled', 'dueAt'] as const);
  await deps.invitations.transition(invitationId, status, status, { [field]: allowedAt.toISOString() });
  await deps.sendQueue.enqueue(invitationId, allowedAt, message);
  return 'deferred';
};

/**
 * Why this invitation's channel may not reach its customer under the policy in force now: an SMS to a
 * number whose country the stage does not text (the policy narrowed since), or with no country it may
 * be texted in (stored before countries were read). Null for email, and for a number the stage texts.
 */
const destinationRefusal = (invitation: Invitation, policy: ContactPolicy): SmsDestinationRefusal | null =>
  invitation.via === 'sms' ? smsDestinationRefusal(invitation.customer, policy.smsCountries) : null;

/** Another delivery holds the claim; the queue should bring this message back later. */
export class SendInProgressError extends Error {
  override readonly name = 'SendInProgressError';
}

export type SendOutcome =
  | 'sent'
  /** The invitation goes by another channel: the message was moved to that channel's queue. */
  | 'moved'
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
 * an SMS to a number the stage may not text (now), suppression (in any channel, bounces only in their
 * own) and fatigue (one survey per person per N days, counted from the send) skip it with its
 * reason. The claim that checks suppression and fatigue also moves the invitation to `sending`, in
 * one transaction, so a message delivered twice by the queue sends once and an unsubscribe between
 * scheduling and sending wins. A permanent rejection fails the invitation with its reason; a throttle
 * puts it back with a backoff; any other error puts it back and is rethrown for the queue to retry.
 * An invitation of another channel than `deps.channel` changes nothing here: its message is moved to
 * its own channel's queue.
 */
export const sendInvitation = async (
  invitationId: string,
  deps: SendInvitationDeps,
  kind: SendKind = 'invitation',
): Promise<SendOutcome> => {
  const invitation = await deps.invitations.get(invitationId);
  if (!invitation) return 'unknown';
  // Its person was erased: nothing goes to them, neither the invitation nor its reminder.
  if (invitation.erasedAt !== undefined) return 'already-handled';
  if (invitation.via !== deps.channel.via) {
    // Sent to the wrong channel's queue: the sender of its own channel decides, so nothing is lost.
    await deps.sendQueue.enqueue(invitationId, deps.clock.now(), { via: invitation.via, kind });
    return 'moved';
  }
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
  const waiting = await waitForSendTime(invitation, 'invitation', now, deps);
  if (waiting) return waiting;
  const refusal = destinationRefusal(invitation, deps.policy);
  if (refusal) return skip(invitationId, describeSmsDestinationRefusal(refusal), 'destination', deps);
  const rules = rulesFor(deps.policy, invitation.touchpoint);
  const fatigueKeys = personKeysOf(invitation.customer);
  const claim = await deps.contacts.claimSend({
    invitationId,
    kind: 'invitation',
    at: now,
    suppression: suppressionChecksFor(invitation.customer, invitation.via),
    fatigueKeys,
    fatigueSince: fatigueSince(deps.policy, invitation.touchpoint, now),
    leaseCutoff: new Date(now.getTime() - SEND_LEASE_MS),
  });
  switch (claim.outcome) {
    case 'lost':
    case 'answered':
      return 'already-handled';
    case 'suppressed':
      return skip(invitationId, describeSuppression(claim.suppression), 'suppressed', deps);
    case 'fatigued':
      return skip(
        invitationId,
        describeFatigue(claim.lastSentAt, invitation.touchpoint, rules.fatigueDays),
        'fatigue',
        deps,
      );
    case 'claimed':
      break;
  }
  let messageId: string;
  try {
    messageId = await deps.channel.deliver(invitation, false);
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
  if (reminderDueAt) await deps.sendQueue.enqueue(invitationId, reminderDueAt, reminderOf(invitation));
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
      settledAt: deps.clock.now().toISOString(),
    });
    return 'failed';
  }
  const current = await deps.invitations.get(invitationId);
  if (current?.reopenedAt) {
    await deps.invitations.transition(invitationId, 'sending', 'cancelled', {
      reason: describeReopen(current.reopenedAt),
      reasonCode: 'reopened',
      settledAt: deps.clock.now().toISOString(),
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
        settledAt: deps.clock.now().toISOString(),
      });
      return 'failed';
    }
    const dueAt = new Date(deps.clock.now().getTime() + backoffMs(throttledCount));
    await deps.invitations.transition(invitationId, 'sending', 'scheduled', {
      dueAt: dueAt.toISOString(),
      throttledCount,
    });
    await deps.sendQueue.enqueue(invitationId, dueAt, firstOf(invitation));
    return 'throttled';
  }
  await deps.invitations.transition(invitationId, 'sending', 'scheduled');
  throw error;
};

/**
 * The optional single reminder: sent only while the survey is unanswered and the person is not
 * suppressed (both checked in the claim), by SMS only to a number the stage still texts, never
 * counted as a new survey for fatigue.
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
  const waiting = await waitForSendTime(invitation, 'reminder', now, deps);
  if (waiting) return waiting;
  if (destinationRefusal(invitation, deps.policy)) {
    // The invitation went out under a wider policy; its reminder goes only where the stage texts now.
    await deps.invitations.transition(invitationId, 'sent', 'sent', {}, ['reminderDueAt']);
    return 'skipped';
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
    messageId = await deps.channel.deliver(invitation, true);
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
      await deps.sendQueue.enqueue(invitationId, dueAt, reminderOf(invitation));
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
  deps: Pick<SendInvitationDeps, 'invitations' | 'clock'>,
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
      settledAt: deps.clock.now().toISOString(),
    });
  }
};

/** Skips a scheduled invitation with its reason, counted by reason code for ops. */
const skip = async (
  invitationId: string,
  reason: string,
  reasonCode: ReasonCode,
  deps: Pick<SendInvitationDeps, 'invitations' | 'clock'>,
): Promise<'skipped'> => {
  await deps.invitations.transition(invitationId, 'scheduled', 'skipped', {
    reason,
    reasonCode,
    settledAt: deps.clock.now().toISOString(),
  });
  measure('InvitationsSkipped', 1, reasonCode);
  return 'skipped';
};
