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

/** The channels an invitation goes out by: each has its own queue, its own sender and its own send rate. */
export type InvitationChannel = Invitation['via'];

/** Which send a queued message asks for, and the channel whose queue carries it (the invitation's `via`). */
export interface SendRequest {
  via: InvitationChannel;
  kind: SendKind;
}

/** Where a due invitation is handed for sending: the queue of its channel. */
export interface SendQueue {
  /**
   * Asks for the invitation (or its reminder) to be sent at `dueAt`, or as soon after as the queue
   * allows, by the function that sends through `request.via`.
   */
  enqueue(invitationId: string, dueAt: Date, request: SendRequest): Promise<void>;
}

/**
 * One channel's part of sending: renders the invitation (or its reminder) for the channel and hands
 * it to the channel's provider, at the channel's pace. Each sending function has exactly one.
 */
export interface SendChannel {
  /** The invitations this channel sends: those whose `via` it is. */
  readonly via: InvitationChannel;
  /**
   * Sends one invitation of this channel; answers the provider's message id. Throws a
   * PermanentDeliveryError when it can never go out (no address, refused for good) and a
   * ThrottledError when the provider asks to slow down.
   */
  deliver(invitation: Invitation, reminder: boolean): Promise<string>;
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
  /**
   * Claims an inbound message for handling; false when it was handled already (a redelivery).
   * Throws ClaimHeldError while another invocation handles it.
   */
  claimInbound(inboundMessageId: string, at: Date): Promise<boolean>;
  /** Gives back the claim of a message whose handling failed, so that its retry handles it at once. */
  releaseInbound(inboundMessageId: string): Promise<void>;
  markInboundHandled(inboundMessageId: string, outcome: string, at: Date): Promise<void>;
}

export interface ResponseStore {
  get(invitationId: string): Promise<Response | null>;
  /** Records an answer, or changes it: the first answer's day and time are kept. */
  save(response: Response): Promise<Response>;
}
