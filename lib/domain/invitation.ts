import type { InteractionCompleted } from './interaction.js';
import type { Survey } from './survey.js';

/**
 * What became of an interaction. `answered` is not stored on the invitation: it is read from the
 * presence of a response, so recording an answer writes one item.
 */
export type StoredInvitationStatus = 'scheduled' | 'sending' | 'sent' | 'skipped' | 'failed' | 'cancelled';
export type InvitationStatus = Exclude<StoredInvitationStatus, 'sending'> | 'answered';

export interface Invitation {
  invitationId: string;
  interactionId: string;
  survey: Survey;
  via: 'email' | 'sms';
  customer: InteractionCompleted['customer'];
  touchpoint: string;
  channel: string;
  team: string;
  agent?: string | undefined;
  attributes?: Record<string, string> | undefined;
  occurredAt: string;
  createdAt: string;
  dueAt: string;
  status: StoredInvitationStatus;
  reason?: string | undefined;
  sentAt?: string | undefined;
  /** When a sender claimed it (status `sending`); a claim older than the send lease is taken over. */
  claimedAt?: string | undefined;
  messageId?: string | undefined;
}

/** The time an invitation may go out: the configured delay after the interaction, never in the past. */
export const dueAtOf = (occurredAt: string, delaySeconds: number, now: Date): Date =>
  new Date(Math.max(now.getTime(), new Date(occurredAt).getTime() + delaySeconds * 1000));
