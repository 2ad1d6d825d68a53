import type { InteractionCompleted } from './interaction.js';
import type { Survey } from './survey.js';

/**
 * What became of an interaction. `answered` is not stored on the invitation: it is read from the
 * presence of a response, so recording an answer writes one item.
 */
export type StoredInvitationStatus = 'scheduled' | 'sending' | 'sent' | 'skipped' | 'failed' | 'cancelled';
export type InvitationStatus = Exclude<StoredInvitationStatus, 'sending'> | 'answered';

/** Why an invitation was skipped, cancelled or failed, as a stable code beside the sentence in `reason`. */
export type ReasonCode =
  | 'suppressed'
  | 'fatigue'
  | 'reopened'
  | 'rejected'
  | 'bounced'
  | 'throttled'
  | 'no-address'
  | 'duplicate-contact';

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
  reasonCode?: ReasonCode | undefined;
  sentAt?: string | undefined;
  /** When a sender claimed it (status `sending`); a claim older than the send lease is taken over. */
  claimedAt?: string | undefined;
  messageId?: string | undefined;
  /** Sends put back because the provider throttled; after too many the invitation fails. */
  throttledCount?: number | undefined;
  /** When the reminder is due, if the stage or touchpoint asks for one and the survey is unanswered. */
  reminderDueAt?: string | undefined;
  reminderClaimedAt?: string | undefined;
  reminderSentAt?: string | undefined;
  reminderMessageId?: string | undefined;
  /** When an `InteractionReopened` event cancelled it; a later completion schedules it again. */
  reopenedAt?: string | undefined;
}

export type InvitationFields = Partial<
  Pick<
    Invitation,
    | 'reason'
    | 'reasonCode'
    | 'sentAt'
    | 'messageId'
    | 'claimedAt'
    | 'dueAt'
    | 'throttledCount'
    | 'reminderDueAt'
    | 'reminderSentAt'
    | 'reminderMessageId'
    | 'reopenedAt'
    | 'occurredAt'
  >
>;

/** The sentence an integrator reads when an invitation was skipped for fatigue. */
export const describeFatigue = (lastSentAt: string, touchpoint: string, fatigueDays: number): string =>
  `fatigue: surveyed on ${lastSentAt.slice(0, 10)}, and ${touchpoint} allows one survey per ${fatigueDays} days`;
