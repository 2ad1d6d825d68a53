import type { Invitation, InvitationFields, StoredInvitationStatus } from './invitation.js';
import type { Response } from './response.js';

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

/** What a queued message asks for: the invitation itself or its reminder. */
export type SendKind = 'invitation' | 'reminder';

/** Where a due invitation is handed for sending. */
export interface SendQueue {
  /** Asks for the invitation (or its reminder) to be sent at `dueAt`, or as soon after as the queue allows. */
  enqueue(invitationId: string, dueAt: Date, kind?: SendKind): Promise<void>;
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

export interface ResponseStore {
  get(invitationId: string): Promise<Response | null>;
  /** Records an answer, or changes it: the first answer's day and time are kept. */
  save(response: Response): Promise<Response>;
}
