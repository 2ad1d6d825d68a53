import { createHmac, randomUUID } from 'node:crypto';
import { erasedCaseFields } from '../cases/case.js';
import type { CaseStore } from '../cases/ports.js';
import { type ContactKey, erasedKeyOf, hashedPersonKeyOf, type PersonKey } from '../contacts/contact-keys.js';
import type { ContactLedger, PersonIndex } from '../contacts/ports.js';
import type { FeedbackStore } from '../feedback/ports.js';
import type { InvitationStore, ResponseStore } from '../invitations/ports.js';
import type { Clock } from '../platform/clock.js';
import { logger } from '../platform/logger.js';
import type { SecretSource } from '../platform/secret.js';
import { findPerson } from './find-person.js';
import { personKeysAsked } from './person.js';
import type { ErasureCounts, PersonalData } from './ports.js';

export interface PeopleDeps {
  people: PersonIndex;
  /** Where an erased person's suppressions are kept, under their keyed hash. */
  contacts: ContactLedger;
  personalData: PersonalData;
  invitations: InvitationStore;
  responses: ResponseStore;
  cases: CaseStore;
  feedback: FeedbackStore;
  clock: Clock;
  /** The stage's signing key: erased suppressions and audit records are keyed hashes made with it. */
  signingKey: SecretSource;
  /** The country national numbers are read in, as intake reads them. */
  defaultCountry: string | undefined;
}

/** How often a case is read again when a lead's move got in first. */
const CASE_ATTEMPTS = 5;

/** The same request, whatever order its identifiers came in: a retry finds the erasure it continues. */
const requestKeyOf = (keys: readonly PersonKey[], secret: string): string =>
  createHmac('sha256', secret)
    .update(`erasure\n${[...keys].sort().join('\n')}`)
    .digest('base64url');

/**
 * `POST /people/erase`: scrubs a person from every item (see lib/people/erased.ts and
 * erasedCaseFields): invitations first (so that no answer, send or reply in flight brings them back),
 * then each one's answer, case and listing copies, then their waits for a next answer and their
 * contact partitions (a suppression kept as a keyed hash, the rest deleted), the person index last.
 * What it found is kept until it is done, so that a retry after a failure half-way finishes the same
 * erasure; a repeat finds nothing left and changes nothing. Their answers keep counting as anonymous
 * data. Logged and audited with counts and hashed identifiers only.
 */
export const erasePerson = async (
  input: unknown,
  by: string,
  deps: PeopleDeps,
): Promise<{ erasureId: string; erased: ErasureCounts }> => {
  const asked = personKeysAsked(input, deps.defaultCountry);
  const secret = await deps.signingKey();
  const requestKey = requestKeyOf(asked, secret);
  const at = deps.clock.now();
  const hashOf = (key: ContactKey) => erasedKeyOf(key, secret);
  const earlier = await deps.personalData.erasureInProgress(requestKey);
  const found = await findPerson([...new Set([...asked, ...(earlier?.keys ?? [])])], deps);
  const keys = [...new Set([...found.keys, ...(earlier?.keys ?? [])])];
  const invitationIds = [...new Set([...found.invitationIds, ...(earlier?.invitationIds ?? [])])];
  await deps.personalData.holdErasure(requestKey, { keys, invitationIds }, at);

  const erased: ErasureCounts = {
    invitations: 0,
    responses: 0,
    cases: 0,
    listings: 0,
    suppressions: 0,
    contacts: 0,
    followUps: 0,
  };
  for (const invitationId of invitationIds) {
    if (await deps.personalData.eraseInvitation(invitationId, at, hashOf)) erased.invitations += 1;
    if (await deps.personalData.eraseResponse(invitationId, at)) erased.responses += 1;
    if (await eraseCase(invitationId, at, deps.cases)) erased.cases += 1;
    erased.listings += await deps.feedback.erase(invitationId, at);
  }
  for (const key of keys) {
    if (key.startsWith('customer:')) {
      erased.followUps += await deps.personalData.forgetFollowUps(key.slice('customer:'.length));
    }
    // A suppression outlives its address, kept by the ledger under the address's keyed hash, before
    // the address's partition goes.
    const kept = await deps.personalData.suppressionsOf(key, invitationIds);
    for (const { reason, at: since } of kept) {
      await deps.contacts.suppress({ key: hashOf(key as ContactKey), reason, at: since });
    }
    erased.suppressions += kept.length;
    erased.contacts += await deps.personalData.forgetContact(key, invitationIds);
  }

  const erasureId = randomUUID();
  await deps.personalData.audit({
    kind: 'erasure',
    requestId: erasureId,
    by,
    at: at.toISOString(),
    identifiers: asked.map((key) => hashedPersonKeyOf(key, secret)),
    counts: { ...erased },
  });
  // Audited before the findings go: a retry after a failure between the two audits it twice, never not at all.
  await deps.personalData.finishErasure(requestKey);
  logger.info('person erased', { erasureId, by, erased });
  return { erasureId, erased };
};

/** Scrubs a case, read again while a lead's move gets in first; false when there is none or it was erased. */
const eraseCase = async (caseId: string, at: Date, cases: CaseStore): Promise<boolean> => {
  for (let attempt = 1; attempt <= CASE_ATTEMPTS; attempt += 1) {
    const kept = await cases.get(caseId);
    if (!kept || kept.erasedAt) return false;
    if (await cases.revise(kept, erasedCaseFields(kept, at))) return true;
  }
  throw new Error(`case ${caseId} kept changing while it was erased; the erasure is to be retried`);
};
