import type { CaseStore } from '../cases/ports.js';
import { type PersonKey, personKeysOf } from '../contacts/contact-keys.js';
import type { PersonIndex } from '../contacts/ports.js';
import type { Invitation } from '../invitations/invitation.js';
import type { InvitationStore, ResponseStore } from '../invitations/ports.js';
import { ConflictError } from '../platform/errors.js';

/** A person as the table holds them: every key they are stored under, and their invitations. */
export interface FoundPerson {
  keys: PersonKey[];
  /**
   * Their invitations' ids: those not erased yet, those erased already (they name no one), and those
   * whose invitation has expired while its answer or case is still kept.
   */
  invitationIds: string[];
  /** Those not erased yet, as stored. */
  invitations: Invitation[];
}

export interface FindPersonDeps {
  people: PersonIndex;
  invitations: InvitationStore;
  responses: ResponseStore;
  cases: CaseStore;
}

/** One invitation noted under a key, and whose it is: null when it names no one any more. */
interface Noted {
  id: string;
  live: Invitation | null;
  owner: PersonKey | null;
}

/**
 * Everything held about a person, found by queries of the person index, never a scan.
 *
 * Each invitation noted under a key is the customer's it names, or, once it has expired, the
 * customer's its answer or case names (an entry outlives its invitation so that these are found). A
 * customer id asked for is who the person is: what is noted under an email or phone asked for that is
 * another customer's (a shared mailbox, a household's phone) is left out. Asked by email or phone
 * alone, the customer found there is followed, one hop (their invitations by every channel); when two
 * are found the request is refused (409), for it cannot say whose data it asks for, and names the field
 * to add.
 */
export const findPerson = async (asked: readonly PersonKey[], deps: FindPersonDeps): Promise<FoundPerson> => {
  const seen = new Set<string>();
  const lookUp = async (keys: readonly PersonKey[]): Promise<Noted[]> => {
    const ids = [
      ...new Set((await Promise.all(keys.map((key) => deps.people.invitationsOf(key)))).flat()),
    ].filter((id) => !seen.has(id));
    for (const id of ids) seen.add(id);
    return Promise.all(ids.map((id) => noted(id, deps)));
  };

  let found = await lookUp(asked);
  const askedCustomers = new Set(asked.filter((key) => key.startsWith('customer:')));
  const owners = new Set(found.flatMap(({ owner }) => (owner ? [owner] : [])));
  if (askedCustomers.size > 0) {
    found = found.filter(({ owner }) => owner === null || askedCustomers.has(owner));
  } else if (owners.size > 1) {
    const fields = asked.map((key) => key.slice(0, key.indexOf(':'))).join(' and ');
    throw new ConflictError(
      `the ${fields} asked for ${asked.length > 1 ? 'are' : 'is'} on the invitations of more than one customer: name the customerId too, to say whose data this is`,
    );
  } else if (owners.size === 1) {
    found = [...found, ...(await lookUp([...owners]))];
  }

  const invitations = found
    .flatMap(({ live }) => (live ? [live] : []))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const keys = new Set<PersonKey>([
    ...asked,
    ...found.flatMap(({ owner }) => (owner ? [owner] : [])),
    ...invitations.flatMap((invitation) => personKeysOf(invitation.customer)),
  ]);
  return { keys: [...keys], invitationIds: found.map(({ id }) => id), invitations };
};

/** An invitation noted in the index, and whose it is. */
const noted = async (id: string, deps: FindPersonDeps): Promise<Noted> => {
  const invitation = await deps.invitations.get(id);
  if (invitation) {
    const live = invitation.erasedAt === undefined ? invitation : null;
    return { id, live, owner: live ? `customer:${live.customer.id}` : null };
  }
  // Expired: its answer, or its case, may be kept still, and says whose it was.
  const response = await deps.responses.get(id);
  const customerId =
    response && response.erasedAt === undefined
      ? response.customerId
      : (await deps.cases.get(id))?.customerId;
  return { id, live: null, owner: customerId ? `customer:${customerId}` : null };
};
