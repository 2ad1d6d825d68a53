import type { BucketId, BucketState } from '../domain/aggregation.js';
import type { Case, CaseStatus } from '../domain/case.js';
import type { ContactKey, PersonKey } from '../domain/contact.js';
import type { Invitation, InvitationFields, StoredInvitationStatus } from '../domain/invitation.js';
import type { MetricAlertState } from '../domain/metric-alert.js';
import type { Response } from '../domain/response.js';
import type { Segment } from '../domain/segment.js';
import type { Suppression, SuppressionCheck, SuppressionReason } from '../domain/suppression.js';
import type { Survey } from '../domain/survey.js';
import type { Day } from '../domain/window.js';

/** The time every core function reads; the local runtime's can be moved forward. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Invitations and their answers. */
export interface InvitationStore {
  /** Stores a new invitation; false when one already exists for its id (a duplicate interaction). */
  create(invitation: Invitation): Promise<boolean>;
  get(invitationId: string): Promise<Invitation | null>;
  /**
   * Moves an invitation from one status to another (or keeps it, `from` = `to`), setting `fields` and
   * removing `remove`; false when it was not in `from` any more.
   */
  transition(
    invitationId: string,
    from: StoredInvitationStatus,
    to: StoredInvitationStatus,
    fields?: InvitationFields,
    remove?: readonly (keyof Invitation)[],
  ): Promise<boolean>;
}

/** Everything that must hold, at one instant, for a message to go out. */
export interface SendClaim {
  invitationId: string;
  /** An invitation moves scheduled → sending; a reminder claims the sent invitation's reminder. */
  kind: 'invitation' | 'reminder';
  at: Date;
  suppression: readonly SuppressionCheck[];
  /** Invitations only: the person's keys, each recorded as sent to now. */
  fatigueKeys: readonly PersonKey[];
  /** Invitations only: a send to any of the keys after this instant, by another invitation, blocks this one. */
  fatigueSince: Date;
  /** Reminders only: a reminder claim older than this was abandoned and is taken over. */
  leaseCutoff: Date;
}

export type ClaimResult =
  | { outcome: 'claimed' }
  | { outcome: 'suppressed'; suppression: Suppression }
  | { outcome: 'fatigued'; key: PersonKey; lastSentAt: string }
  /** A reminder whose survey was answered in the meantime. */
  | { outcome: 'answered' }
  /** The invitation is no longer in the state the claim needs (someone else took it). */
  | { outcome: 'lost' };

/** Suppressions and the record of who was surveyed when, per normalised address, number and person. */
export interface ContactLedger {
  /** The first suppression among `checks` that blocks a send, or null. */
  suppressionOf(checks: readonly SuppressionCheck[]): Promise<Suppression | null>;
  /** The latest send to any of the keys. */
  lastSendOf(
    keys: readonly PersonKey[],
  ): Promise<{ key: PersonKey; at: string; invitationId: string } | null>;
  /** Records a suppression; it replaces a recorded one only when stronger (see REPLACED_BY). */
  suppress(suppression: Suppression): Promise<void>;
  /** Lifts a key's suppression when its reason is one of `reasons`; answers whether it did. */
  lift(key: ContactKey, reasons: readonly SuppressionReason[]): Promise<boolean>;
  /** Claims a send atomically against the invitation's state, suppression and fatigue. */
  claimSend(claim: SendClaim): Promise<ClaimResult>;
  /** Gives back the fatigue marks of a claim that sent nothing. */
  releaseSend(invitationId: string, fatigueKeys: readonly PersonKey[]): Promise<void>;
}

export interface ResponseStore {
  get(invitationId: string): Promise<Response | null>;
  /** Records an answer, or changes it: the first answer's day and time are kept. */
  save(response: Response): Promise<Response>;
}

/** The stored aggregate buckets. */
export interface AggregateStore {
  /** The buckets' current states (strongly consistent), keyed by `bucketKeyOf`. */
  read(buckets: readonly BucketId[]): Promise<Map<string, BucketState>>;
  /** Writes a bucket if its version is still `expectedVersion` (0: it must not exist); false when it moved. */
  write(bucket: BucketId, state: BucketState, expectedVersion: number): Promise<boolean>;
  /** Every day's histogram of one survey and segment between two days, inclusive. */
  range(survey: Survey, segment: Segment, from: Day, to: Day): Promise<{ day: Day; histogram: number[] }[]>;
}

/** An email handed to the mail service. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** Tags the provider returns with its delivery events (SES message tags). */
  tags?: Record<string, string>;
}

export interface Mailer {
  /**
   * Sends one email to one recipient; answers the provider's message id. Throws a
   * PermanentDeliveryError when the request can never succeed and a ThrottledError when the
   * provider asks to slow down.
   */
  send(email: OutgoingEmail): Promise<string>;
}

/** A text message to one E.164 number. */
export interface OutgoingSms {
  to: string;
  text: string;
}

export interface SmsSender {
  /** Sends one SMS; answers the provider's message id. Errors as for Mailer. */
  send(sms: OutgoingSms): Promise<string>;
}

/** The SMS side of a survey: which message went to which number for which invitation, and what came back. */
export interface SmsConversations {
  /** Remembers an invitation SMS, so replies find it by message id or by number. */
  recordSent(sent: { phone: string; invitationId: string; messageId: string; sentAt: Date }): Promise<void>;
  /** The invitation an SMS we sent belongs to. */
  invitationOfMessage(messageId: string): Promise<string | null>;
  /** The invitations last texted to a number, latest first. */
  latestInvitationsTo(phone: string, limit: number): Promise<string[]>;
  /** Claims an inbound message for handling; false when it was handled already (a redelivery). */
  claimInbound(inboundMessageId: string, at: Date): Promise<boolean>;
  markInboundHandled(inboundMessageId: string, outcome: string, at: Date): Promise<void>;
}

/** Cases of the closed loop, one per unhappy answer. */
export interface CaseStore {
  /** Opens the case; false when it was open already (a replayed alert). */
  open(opened: Case): Promise<boolean>;
  get(caseId: string): Promise<Case | null>;
  /**
   * Moves a case from one status to another (or keeps it) with its fields; false when it was not in
   * `from` any more, or another write changed it since it was read.
   */
  transition(caseId: string, from: CaseStatus, to: CaseStatus, fields: Partial<Case>): Promise<boolean>;
  /** The newest cases first, of a status and team when given, after a page's `next`; `next` when more may follow. */
  list(filter: {
    status?: CaseStatus | undefined;
    team?: string | undefined;
    limit: number;
    after?: string | undefined;
  }): Promise<{ cases: Case[]; next?: string }>;
}

/** What a queued message asks for: the invitation itself or its reminder. */
export type SendKind = 'invitation' | 'reminder';

/** Where a due invitation is handed for sending. */
export interface SendQueue {
  /** Asks for the invitation (or its reminder) to be sent at `dueAt`, or as soon after as the queue allows. */
  enqueue(invitationId: string, dueAt: Date, kind?: SendKind): Promise<void>;
}

/** A detractor alert as it is published. */
export interface Alert {
  subject: string;
  message: string;
  attributes: Record<string, string | number>;
  /** The key that makes publishing it idempotent. */
  dedupeKey: string;
}

export interface AlertPublisher {
  publish(alert: Alert): Promise<string>;
}

/** Remembers which alerts went out, so a redelivered record publishes nothing twice. */
export interface AlertLedger {
  /** Claims the right to publish; false when the alert was already published. */
  claim(dedupeKey: string, at: Date): Promise<boolean>;
  markPublished(dedupeKey: string, messageId: string, at: Date): Promise<void>;
}

/** Where each metric alert rule's score stands, by rule key. */
export interface MetricAlertStates {
  get(ruleKey: string): Promise<MetricAlertState | null>;
  /** Writes a rule's state if its stored version is still `expectedVersion` (0: none yet); false when it moved. */
  put(ruleKey: string, state: MetricAlertState, expectedVersion: number): Promise<boolean>;
}

/** Checks a lead's sign-in token; answers who they are, or null for a token that is not a lead's. */
export interface LeadTokens {
  verify(token: string): Promise<{ email: string } | null>;
}

/** A secret read at run time (the HMAC key, the API token); cached by the adapter. */
export type SecretSource = () => Promise<string>;
