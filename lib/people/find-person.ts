import { type PersonKey, personKeysOf } from '../contacts/contact-keys.js';
import type { PersonIndex } from '../contacts/ports.js';
import type { Invitation } from '../invitations/invitation.js';
import type { InvitationStore } from '../invitations/ports.js';
import { ConflictError } from '../platform/errors.js';

/** A person as the table holds them: every key they are stored under, and their invitations. */
export interface FoundPerson {
  keys: PersonKey[];
  /** Their invitations, erased ones too (an erased one names no one, so any noted under their keys). */
  invitationIds: string[];
  /** Those not erased yet, as stored. */
  invitations: Invitation[];
}

const customerKey = (invitation: Invitation): PersonKey => `customer:${invitation.customer.id}`;

/**
 * Everything held about a person, found by queries of the person index, never a scan.
 *
 * A customer id asked for is who the person is: an invitation under an email or phone asked for that
 * names another customer is that customer's (a shared mailbox, a household's phone) and is left out.
 * Asked by email or phone alone, the customer those invitations name is followed, one hop (their
 * invitations by every channel); when they name more than one customer, the request is refused
 * (409), for it cannot say whose data it is asking for, and names the field to add.
 */
export const findPerson = async (
  asked: readonly PersonKey[],
  deps: { people: PersonIndex; invitations: InvitationStore },
): Promise<FoundPerson> => {
  const seen = new Set<string>();
  const lookUp = async (keys: readonly PersonKey[]) => {
    const ids = [
      ...new Set((await Promise.all(keys.map((key) => deps.people.invitationsOf(key)))).flat()),
    ].filter((id) => !seen.has(id));
    for (const id of ids) seen.add(id);
    const stored = await Promise.all(
      ids.map(async (id) => ({ id, invitation: await deps.invitations.get(id) })),
    );
    return stored.map(({ id, invitation }) => ({
      id,
      live: invitation !== null && invitation.erasedAt === undefined ? invitation : null,
    }));
  };

  let found = await lookUp(asked);
  const askedCustomers = new Set(asked.filter((key) => key.startsWith('customer:')));
  const owners = new Set(found.flatMap(({ live }) => (live ? [customerKey(live)] : [])));
  if (askedCustomers.size > 0) {
    found = found.filter(({ live }) => !live || askedCustomers.has(customerKey(live)));
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
    ...invitations.flatMap((invitation) => personKeysOf(invitation.customer)),
  ]);
  return { keys: [...keys], invitationIds: found.map(({ id }) => id), invitations };
};
