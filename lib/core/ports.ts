import type { BucketId, BucketState } from '../domain/aggregation.js';
import type { Invitation, StoredInvitationStatus } from '../domain/invitation.js';
import type { Response } from '../domain/response.js';
import type { Segment } from '../domain/segment.js';
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
  /** Moves an invitation from one status to another; false when it was not in `from` any more. */
  transition(
    invitationId: string,
    from: StoredInvitationStatus,
    to: StoredInvitationStatus,
    fields?: Partial<Pick<Invitation, 'reason' | 'sentAt' | 'messageId' | 'claimedAt'>>,
  ): Promise<boolean>;
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
}

export interface Mailer {
  /** Sends one email to one recipient; answers the provider's message id. */
  send(email: OutgoingEmail): Promise<string>;
}

/** Where a due invitation is handed for sending. */
export interface SendQueue {
  /** Asks for the invitation to be sent at `dueAt` (or as soon after as the queue allows). */
  enqueue(invitationId: string, dueAt: Date): Promise<void>;
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

/** A secret read at run time (the HMAC key, the API token); cached by the adapter. */
export type SecretSource = () => Promise<string>;
