import * as z from 'zod';
import type { ErasedContactKey } from '../contacts/contact-keys.js';
import type { Survey } from '../surveys/scales.js';

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
  /** The number may not be texted: no country it may be texted in, or one the stage does not text. */
  | 'destination'
  | 'reopened'
  /** The person was erased before it went out. */
  | 'erased'
  | 'rejected'
  | 'bounced'
  | 'throttled'
  | 'gave-up';

/** The customer an invitation is for, as the interaction named them; a phone number is E.164 once accepted. */
export interface Customer {
  id: string;
  email?: string | undefined;
  phone?: string | undefined;
  /** ISO 3166-1 alpha-2: where a national number was read. */
  country?: string | undefined;
  /**
   * ISO 3166-1 alpha-2: where `phone` may be texted, read from the number at intake (never taken from
   * the integrator). Absent for a number never texted (an international network's, a premium-rate
   * one…) and for numbers stored before it was recorded: those are not texted.
   */
  smsCountry?: string | undefined;
  name?: string | undefined;
  locale?: string | undefined;
  timeZone?: string | undefined;
}

export interface Invitation {
  invitationId: string;
  interactionId: string;
  survey: Survey;
  via: 'email' | 'sms';
  customer: Customer;
  touchpoint: string;
  channel: string;
  team: string;
  agent?: string | undefined;
  attributes?: Record<string, string> | undefined;
  occurredAt: string;
  createdAt: string;
  /**
   * Who sent the interaction: `integrator:<credential>` by `POST /interactions`, `bus` by the event
   * bus. Absent on invitations Pulse made itself (a recovery survey) and on those from before it was
   * recorded.
   */
  receivedFrom?: string | undefined;
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
  reminderThrottledCount?: number | undefined;
  reminderSentAt?: string | undefined;
  reminderMessageId?: string | undefined;
  /**
   * When it became skipped, failed or cancelled after it was stored: the day the funnel counts that
   * step on (one skipped at intake counts on `createdAt`).
   */
  settledAt?: string | undefined;
  /** When an `InteractionReopened` event cancelled it; a later completion schedules it again. */
  reopenedAt?: string | undefined;
  /** SMS only: when an unreadable reply got the one re-prompt. */
  smsRepromptedAt?: string | undefined;
  /**
   * SMS only: text that could not be read as a score, the one that got the re-prompt and any after it,
   * kept (shown in the invitation's report) until a score arrives and it begins the answer's comment.
   */
  smsUnreadText?: string | undefined;
  /** SMS only: when the latest text of `smsUnreadText` arrived. */
  smsUnreadAt?: string | undefined;
  /**
   * When an erasure scrubbed the person from it (lib/people/erase-person.ts): it takes no answer and
   * moves no more, and its customer is gone but for the language.
   */
  erasedAt?: string | undefined;
  /**
   * Once erased: the address or number it went to as a keyed hash (erasedKeyOf), so that an
   * unsubscribe or a bounce that comes afterwards still suppresses the person, without the address.
   */
  erasedContact?: ErasedContactKey | undefined;
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
    | 'reminderThrottledCount'
    | 'reopenedAt'
    | 'settledAt'
    | 'occurredAt'
    | 'smsRepromptedAt'
    | 'smsUnreadText'
    | 'smsUnreadAt'
  >
>;

/** An integrator's id for an interaction. */
export const InteractionIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  // No '/' or '#': API Gateway decodes the path before routing GET /invitations/{interactionId}.
  .regex(/^[\w.:@-]+$/, 'may hold letters, digits and . _ : @ - only');

/** Attributes ride along into the answer and the alert: bounded well inside DynamoDB's and SNS's limits. */
export const MAX_ATTRIBUTES = 50;
export const MAX_ATTRIBUTES_BYTES = 16 * 1024;

/** Email when there is an address, unless the integrator asked for SMS. */
export const inviteChannelOf = (event: {
  inviteVia?: Invitation['via'] | undefined;
  customer: Pick<Customer, 'email'>;
}): Invitation['via'] => event.inviteVia ?? (event.customer.email ? 'email' : 'sms');

/** The sentence an integrator reads when an invitation was skipped for fatigue. */
export const describeFatigue = (lastSentAt: string, touchpoint: string, fatigueDays: number): string =>
  `fatigue: surveyed on ${lastSentAt.slice(0, 10)}, and ${touchpoint} allows one survey per ${fatigueDays} days`;

/** How long after the send an answer is still taken; later replies change nothing. */
export const SURVEY_OPEN_DAYS = 30;

/**
 * Whether an invitation still takes answers at `now`: counted from the send (or, before it, from its
 * creation); never once its person was erased.
 */
export const isSurveyOpen = (
  invitation: Pick<Invitation, 'sentAt' | 'createdAt' | 'erasedAt'>,
  now: Date,
): boolean =>
  invitation.erasedAt === undefined &&
  now.getTime() - new Date(invitation.sentAt ?? invitation.createdAt).getTime() <=
    SURVEY_OPEN_DAYS * 86_400_000;

/** The sentence an integrator reads when a reopened interaction cancelled its invitation. */
export const describeReopen = (reopenedAt: string): string =>
  `cancelled: the interaction was reopened at ${reopenedAt} before the invitation went out`;
