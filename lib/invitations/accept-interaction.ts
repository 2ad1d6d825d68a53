import { personKeysOf } from '../contacts/contact-keys.js';
import { type ContactPolicy, rulesFor, scheduleInvitation } from '../contacts/contact-policy.js';
import { normalizePhone } from '../contacts/phone-numbers.js';
import type { ContactLedger } from '../contacts/ports.js';
import { describeSuppression, suppressionChecksFor } from '../contacts/suppression.js';
import type { Clock } from '../platform/clock.js';
import { parseOrThrow, ValidationError } from '../platform/errors.js';
import { type InteractionCompleted, InteractionCompletedSchema, inviteChannelOf } from './interaction.js';
import { describeFatigue, type Invitation, type InvitationStatus, type ReasonCode } from './invitation.js';
import { invitationIdOf } from './link-tokens.js';
import type { InvitationStore, ResponseStore, SendQueue } from './ports.js';

/** How far ahead of our clock an integrator's clock may run before `occurredAt` is refused. */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;

export interface AcceptInteractionDeps {
  invitations: InvitationStore;
  contacts: ContactLedger;
  sendQueue: SendQueue;
  clock: Clock;
  policy: ContactPolicy;
  /** The country of a phone number given without one, when the customer names none. */
  defaultCountry?: string | undefined;
  /** Read so that a repeated interaction reports `answered` as `GET /invitations` does. */
  responses: ResponseStore;
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
 * Validates an `InteractionCompleted` event, stores its invitation once per `interactionId`, and
 * schedules the send: the touchpoint's delay after the interaction, moved out of the customer's quiet
 * hours. A customer already suppressed, or surveyed within the fatigue period, gets a skipped
 * invitation with the reason; both are checked again at send time. A repeated event changes nothing
 * (if its invitation is still waiting, the send is queued again, which is harmless because sending
 * claims it first), except that an interaction completed again after it was reopened is scheduled
 * again.
 */
export const acceptInteraction = async (input: unknown, deps: AcceptInteractionDeps): Promise<Accepted> => {
  const event = normalized(parseOrThrow(InteractionCompletedSchema, input), deps.defaultCountry);
  const now = deps.clock.now();
  if (new Date(event.occurredAt).getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new ValidationError([{ field: 'occurredAt', message: 'is in the future' }]);
  }
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
    dueAt: dueAt.toISOString(),
    ...(await contactPolicyVerdict(event, via, dueAt, deps)),
  };
  if (await deps.invitations.create(invitation)) {
    if (invitation.status === 'scheduled') await deps.sendQueue.enqueue(invitation.invitationId, dueAt);
    return { ...summaryOf(invitation), duplicate: false };
  }
  const existing = await deps.invitations.get(invitation.invitationId);
  if (!existing) throw new Error(`invitation ${invitation.invitationId} vanished after a conflicting create`);
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
      await deps.sendQueue.enqueue(existing.invitationId, dueAt);
      return {
        ...summaryOf({ ...existing, ...fields, status: 'scheduled', reason: undefined }),
        duplicate: false,
      };
    }
  }
  if (existing.status === 'scheduled')
    await deps.sendQueue.enqueue(existing.invitationId, new Date(existing.dueAt));
  const answered = (await deps.responses.get(existing.invitationId)) !== null;
  return { ...summaryOf(existing), ...(answered ? { status: 'answered' as const } : {}), duplicate: true };
};

/** The event with its phone number in E.164, or a ValidationError naming `customer.phone`. */
const normalized = (
  event: InteractionCompleted,
  defaultCountry: string | undefined,
): InteractionCompleted => {
  if (event.customer.phone === undefined) return event;
  const phone = normalizePhone(event.customer.phone, event.customer.country ?? defaultCountry);
  if (!phone) {
    throw new ValidationError([
      {
        field: 'customer.phone',
        message: event.customer.phone.startsWith('+')
          ? 'is not a valid phone number'
          : 'is not a valid phone number: give it in E.164 (+14155550100), or as a national number with customer.country',
      },
    ]);
  }
  return { ...event, customer: { ...event.customer, phone } };
};

/** A skip decided on arrival: the customer is suppressed, or will still be within the fatigue period when due. */
const contactPolicyVerdict = async (
  event: InteractionCompleted,
  via: 'email' | 'sms',
  dueAt: Date,
  deps: AcceptInteractionDeps,
): Promise<Pick<Invitation, 'status' | 'reason' | 'reasonCode'>> => {
  const suppression = await deps.contacts.suppressionOf(suppressionChecksFor(event.customer, via));
  if (suppression) {
    return { status: 'skipped', reason: describeSuppression(suppression), reasonCode: 'suppressed' };
  }
  const { fatigueDays } = rulesFor(deps.policy, event.touchpoint);
  const lastSend = await deps.contacts.lastSendOf(personKeysOf(event.customer));
  const invitationId = invitationIdOf(event.interactionId);
  if (
    lastSend &&
    lastSend.invitationId !== invitationId &&
    new Date(lastSend.at).getTime() > dueAt.getTime() - fatigueDays * 86_400_000
  ) {
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
