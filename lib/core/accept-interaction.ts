import { parseOrThrow, ValidationError } from '../domain/errors.js';
import { InteractionCompletedSchema, inviteChannelOf } from '../domain/interaction.js';
import { dueAtOf, type Invitation, type InvitationStatus } from '../domain/invitation.js';
import { invitationIdOf } from '../domain/token.js';
import type { Clock, InvitationStore, ResponseStore, SendQueue } from './ports.js';

/** How far ahead of our clock an integrator's clock may run before `occurredAt` is refused. */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;

export interface AcceptInteractionDeps {
  invitations: InvitationStore;
  sendQueue: SendQueue;
  clock: Clock;
  /** Seconds between the interaction and the invitation; 0 sends at once. */
  delaySeconds: number;
  /** Read so that a repeated interaction reports `answered` as `GET /invitations` does. */
  responses?: ResponseStore;
}

export interface Accepted {
  invitationId: string;
  interactionId: string;
  status: InvitationStatus;
  dueAt: string;
  /** True when this interaction had been received before: nothing new was scheduled. */
  duplicate: boolean;
}

/**
 * Validates an `InteractionCompleted` event, stores its invitation once per `interactionId`, and
 * schedules the send. A repeated event changes nothing; if its invitation is still waiting, the send
 * is scheduled again, which is harmless because sending claims the invitation first.
 */
export const acceptInteraction = async (input: unknown, deps: AcceptInteractionDeps): Promise<Accepted> => {
  const event = parseOrThrow(InteractionCompletedSchema, input);
  const now = deps.clock.now();
  if (new Date(event.occurredAt).getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new ValidationError([{ field: 'occurredAt', message: 'is in the future' }]);
  }
  const invitation: Invitation = {
    invitationId: invitationIdOf(event.interactionId),
    interactionId: event.interactionId,
    survey: event.survey,
    via: inviteChannelOf(event),
    customer: event.customer,
    touchpoint: event.touchpoint,
    channel: event.channel,
    team: event.team,
    agent: event.agent,
    attributes: event.attributes,
    occurredAt: new Date(event.occurredAt).toISOString(),
    createdAt: now.toISOString(),
    dueAt: dueAtOf(event.occurredAt, deps.delaySeconds, now).toISOString(),
    status: 'scheduled',
  };
  if (await deps.invitations.create(invitation)) {
    await deps.sendQueue.enqueue(invitation.invitationId, new Date(invitation.dueAt));
    return { ...summaryOf(invitation), duplicate: false };
  }
  const existing = await deps.invitations.get(invitation.invitationId);
  if (!existing) throw new Error(`invitation ${invitation.invitationId} vanished after a conflicting create`);
  if (existing.status === 'scheduled')
    await deps.sendQueue.enqueue(existing.invitationId, new Date(existing.dueAt));
  const answered = deps.responses ? (await deps.responses.get(existing.invitationId)) !== null : false;
  return { ...summaryOf(existing), ...(answered ? { status: 'answered' as const } : {}), duplicate: true };
};

const summaryOf = (invitation: Invitation) => ({
  invitationId: invitation.invitationId,
  interactionId: invitation.interactionId,
  status: invitation.status === 'sending' ? ('scheduled' as const) : invitation.status,
  dueAt: invitation.dueAt,
});
