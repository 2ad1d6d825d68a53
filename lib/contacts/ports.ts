import type { ContactKey, PersonKey } from './contact-keys.js';
import type { Suppression, SuppressionCheck, SuppressionReason } from './suppression.js';

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

/**
 * Which invitations are about a person, under each of their keys (customer id, email address, phone
 * number), so that everything about them is found by queries: written at intake, before the invitation.
 */
export interface PersonIndex {
  /** Notes that the invitation is about the person under each key; writing it again changes nothing. */
  remember(keys: readonly PersonKey[], invitationId: string, at: Date): Promise<void>;
  /** The invitations noted under one key. */
  invitationsOf(key: PersonKey): Promise<string[]>;
}
