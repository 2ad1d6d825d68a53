import { personKeysOf } from '../contacts/contact-keys.js';
import {
  type ContactPolicy,
  fatigueSince,
  isFatigued,
  rulesFor,
  scheduleInvitation,
} from '../contacts/contact-policy.js';
import type { ContactLedger, PersonIndex } from '../contacts/ports.js';
import { describeSmsDestinationRefusal, smsDestinationRefusal } from '../contacts/sms-destinations.js';
import { describeSuppression, suppressionChecksFor } from '../contacts/suppression.js';
import type { Clock } from '../platform/clock.js';
import { measure } from '../platform/metrics.js';
import type { InteractionCompleted } from './interaction.js';
import type { Customer } from './invitation.js';
import {
  describeFatigue,
  type Invitation,
  type InvitationStatus,
  inviteChannelOf,
  type ReasonCode,
} from './invitation.js';
import { invitationIdOf } from './link-tokens.js';
import type { InvitationStore, ResponseStore, SendQueue } from './ports.js';

/*
 * Scheduling an interaction that is valid already: read from a request by accept-interaction.ts, or
 * built from stored data (the recovery survey of a resolved case). No phone library: a phone number
 * here is in E.164 already, so the functions that only schedule do not bundle one.
 */

export interface ScheduleInteractionDeps {
  invitations: InvitationStore;
  contacts: ContactLedger;
  sendQueue: SendQueue;
  clock: Clock;
  policy: ContactPolicy;
  /** Read so that a repeated interaction reports `answered` as `GET /invitations` does. */
  responses: ResponseStore;
  /** Where the invitation is noted under each of the person's keys, before it is stored. */
  people: PersonIndex;
}

export interface Accepted {
  invitationId: string;
  interactionId: string;
  status: InvitationStatus;
  reason?: string;
  reasonCode?: ReasonCode;
  dueAt: string;
  /** True when this interaction had been received before: nothing new was scheduled. */
  duplicate: boolean;
}

/**
 * An interaction that passed intake (or was made by Pulse itself): its phone number is E.164, with
 * the country it may be texted in as intake read it.
 */
export type ValidInteraction = Omit<InteractionCompleted, 'customer'> & { customer: Customer };

/**
 * Stores the invitation of a valid interaction once per `interactionId` (its phone number, if any, in
 * E.164), and schedules the send: the touchpoint's delay after the interaction, moved out of the
 * customer's quiet hours, queued on its channel's queue. An SMS to a number the stage may not text,
 * a customer already suppressed, or one surveyed within the fatigue period, gets a skipped invitation
 * with the reason; all three are checked again at send time. A repeated interaction changes nothing
 * (if its invitation is still waiting, the send is queued again, which is harmless because sending
 * claims it first), except that an interaction completed again after it was reopened is scheduled
 * again. `receivedFrom` (who sent it) is kept on the invitation as the first sender gave it.
 */
export const scheduleInteraction = async (
  event: ValidInteraction,
  deps: ScheduleInteractionDeps,
  receivedFrom?: string,
): Promise<Accepted> => {
  const now = deps.clock.now();
  const via = inviteChannelOf(event);
  const dueAt = scheduleInvitation(
    {
      occurredAt: new Date(event.occurredAt),
      now,
      touchpoint: event.touchpoint,
      customerTimeZone: event.customer.timeZone,
    },
    deps.policy,
  );
  const invitation: Invitation = {
    invitationId: invitationIdOf(event.interactionId),
    interactionId: event.interactionId,
    survey: event.survey,
    via,
    customer: event.customer,
    touchpoint: event.touchpoint,
    channel: event.channel,
    team: event.team,
    agent: event.agent,
    attributes: event.attributes,
    occurredAt: new Date(event.occurredAt).toISOString(),
    createdAt: now.toISOString(),
    ...(receivedFrom ? { receivedFrom } : {}),
    dueAt: dueAt.toISOString(),
    ...(await contactPolicyVerdict(event, via, dueAt, deps)),
  };
  // A repeat is answered from what is stored, and notes no one again: its person may have been erased.
  const stored = await deps.invitations.get(invitation.invitationId);
  if (stored) return repeated(stored, event, invitation, deps);
  // Before the invitation, so that no invitation is ever stored that an erasure cannot find.
  await deps.people.remember(personKeysOf(event.customer), invitation.invitationId, now);
  if (await deps.invitations.create(invitation)) {
    measure('InteractionsReceived');
    if (invitation.status === 'scheduled') {
      await deps.sendQueue.enqueue(invitation.invitationId, dueAt, { via, kind: 'invitation' });
    } else if (invitation.reasonCode) {
      measure('InvitationsSkipped', 1, invitation.reasonCode);
    }
    return { ...summaryOf(invitation), duplicate: false };
  }
  const existing = await deps.invitations.get(invitation.invitationId);
  if (!existing) throw new Error(`invitation ${invitation.invitationId} vanished after a conflicting create`);
  return repeated(existing, event, invitation, deps);
};

/**
 * An interaction seen before: scheduled again if it was solved, reopened and solved again, put back on
 * the queue if it is still waiting, and answered as it stands otherwise.
 */
const repeated = async (
  existing: Invitation,
  event: ValidInteraction,
  invitation: Invitation,
  deps: ScheduleInteractionDeps,
): Promise<Accepted> => {
  const dueAt = new Date(invitation.dueAt);
  if (
    existing.status === 'cancelled' &&
    existing.reopenedAt &&
    new Date(event.occurredAt).getTime() > new Date(existing.reopenedAt).getTime() &&
    invitation.status === 'scheduled'
  ) {
    // Solved, reopened, solved again: the survey is about the final outcome, after the final solve.
    const fields = { dueAt: invitation.dueAt, occurredAt: invitation.occurredAt };
    if (
      await deps.invitations.transition(existing.invitationId, 'cancelled', 'scheduled', fields, [
        'reason',
        'reasonCode',
      ])
    ) {
      await deps.sendQueue.enqueue(existing.invitationId, dueAt, { via: existing.via, kind: 'invitation' });
      return {
        ...summaryOf({ ...existing, ...fields, status: 'scheduled', reason: undefined }),
        duplicate: false,
      };
    }
  }
  if (existing.status === 'scheduled') {
    await deps.sendQueue.enqueue(existing.invitationId, new Date(existing.dueAt), {
      via: existing.via,
      kind: 'invitation',
    });
  }
  const answered = (await deps.responses.get(existing.invitationId)) !== null;
  return { ...summaryOf(existing), ...(answered ? { status: 'answered' as const } : {}), duplicate: true };
};

/**
 * A skip decided on arrival: an SMS to a number the stage may not text (intake refuses those before
 * this; a recovery survey or a narrowed policy reaches it), the customer is suppressed, or will still
 * be within the fatigue period when due.
 */
const contactPolicyVerdict = async (
  event: ValidInteraction,
  via: 'email' | 'sms',
  dueAt: Date,
  deps: ScheduleInteractionDeps,
): Promise<Pick<Invitation, 'status' | 'reason' | 'reasonCode'>> => {
  const refusal = via === 'sms' ? smsDestinationRefusal(event.customer, deps.policy.smsCountries) : null;
  if (refusal) {
    return { status: 'skipped', reason: describeSmsDestinationRefusal(refusal), reasonCode: 'destination' };
  }
  const suppression = await deps.contacts.suppressionOf(suppressionChecksFor(event.customer, via));
  if (suppression) {
    return { status: 'skipped', reason: describeSuppression(suppression), reasonCode: 'suppressed' };
  }
  const lastSend = await deps.contacts.lastSendOf(personKeysOf(event.customer));
  const since = fatigueSince(deps.policy, event.touchpoint, dueAt);
  if (lastSend && isFatigued(lastSend, invitationIdOf(event.interactionId), since)) {
    const { fatigueDays } = rulesFor(deps.policy, event.touchpoint);
    return {
      status: 'skipped',
      reason: describeFatigue(lastSend.at, event.touchpoint, fatigueDays),
      reasonCode: 'fatigue',
    };
  }
  return { status: 'scheduled' };
};

const summaryOf = (invitation: Invitation) => ({
  invitationId: invitation.invitationId,
  interactionId: invitation.interactionId,
  status: invitation.status === 'sending' ? ('scheduled' as const) : invitation.status,
  ...(invitation.reason ? { reason: invitation.reason } : {}),
  ...(invitation.reasonCode ? { reasonCode: invitation.reasonCode } : {}),
  dueAt: invitation.dueAt,
});
