import type { ContactKey, ErasedContactKey, PersonKey } from '../contacts/contact-keys.js';
import type { Suppression } from '../contacts/suppression.js';

/** What an erasure did, item kind by item kind: its receipt, which never echoes an identifier. */
export interface ErasureCounts {
  invitations: number;
  responses: number;
  cases: number;
  /** Copies of answers in the leads' listing, deleted. */
  listings: number;
  /** Suppressions kept as a keyed hash, so that the person is still never contacted. */
  suppressions: number;
  /** Items under the person's keys deleted: the person index, last sends, SMS sent. */
  contacts: number;
  /** Cases' waits for the customer's next answer, deleted. */
  followUps: number;
}

/** An erasure under way: the keys and invitations it found, kept until it is done so a retry finishes it. */
export interface ErasureInProgress {
  keys: PersonKey[];
  invitationIds: string[];
}

/** One erasure or access export, for the company's audit: who asked, when, the identifiers hashed. */
export interface PeopleAuditRecord {
  kind: 'erasure' | 'export';
  requestId: string;
  by: string;
  at: string;
  /** Keyed hashes of the keys asked for (see hashedPersonKeyOf), never the keys. */
  identifiers: string[];
  counts: Record<string, number>;
}

/** The raw items about a person, as an erasure scrubs them and an export reads them. */
export interface PersonalData {
  /**
   * Scrubs an invitation (see erasedInvitation), the contact it went to kept as `hashOf` makes it:
   * false when there is none, or it was erased already.
   * Its answer, case and listing are scrubbed after it, each by its own store.
   */
  eraseInvitation(
    invitationId: string,
    at: Date,
    hashOf: (key: ContactKey) => ErasedContactKey,
  ): Promise<boolean>;
  /** Scrubs an invitation's answer (see erasedResponse): false when there is none, or it was erased already. */
  eraseResponse(invitationId: string, at: Date): Promise<boolean>;
  /** Deletes a customer's waits for their next answer; answers how many. */
  forgetFollowUps(customerId: string): Promise<number>;
  /**
   * Forgets the person under one of their keys: the person index's and SMS sent items of the
   * invitations erased, and the contact's own items (its last send, its suppression) unless another
   * person's invitation is still noted there. Answers how many items went, the suppression not counted.
   */
  forgetContact(key: PersonKey, invitationIds: readonly string[]): Promise<number>;
  /**
   * The suppressions held under a contact key for the person whose invitations these are: none for a
   * customer id, and none for a contact another customer's invitation is still noted under (a shared
   * phone), whose suppression is theirs too and stays as it is.
   */
  suppressionsOf(key: PersonKey, invitationIds: readonly string[]): Promise<Suppression[]>;
  /** An erasure of the same request that did not finish, or null. */
  erasureInProgress(requestKey: string): Promise<ErasureInProgress | null>;
  /** Keeps what an erasure found until it is done, at most 30 days. */
  holdErasure(requestKey: string, found: ErasureInProgress, at: Date): Promise<void>;
  /** The erasure is done: what it kept about the person goes too. */
  finishErasure(requestKey: string): Promise<void>;
  /** Records an erasure or an export for the company's audit. */
  audit(record: PeopleAuditRecord): Promise<void>;
}
