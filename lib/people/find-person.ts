import { type PersonKey, personKeysOf } from '../contacts/contact-keys.js';
import type { PersonIndex } from '../contacts/ports.js';
import type { Invitation } from '../invitations/invitation.js';
import type { InvitationStore } from '../invitations/ports.js';

/** A person as the table holds them: every key they are stored under, and their invitations. */
export interface FoundPerson {
  keys: PersonKey[];
  /** Every invitation noted under their keys, erased ones too. */
  invitationIds: string[];
  /** Those not erased yet, as stored. */
  invitations: Invitation[];
}

/**
 * Everything held about a person, found by queries of the person index, never a scan: the invitations
 * under the keys asked for, and under the customer ids those invitations name (a person's invitations
 * by every channel); the keys are those asked for and every key those invitations name. A contact
 * named on another customer's invitation is not followed further: one hop, so that a shared phone
 * does not take in a household.
 */
export const findPerson = async (
  asked: readonly PersonKey[],
  deps: { people: PersonIndex; invitations: InvitationStore },
): Promise<FoundPerson> => {
  const keys = new Set<PersonKey>(asked);
  const invitationIds = new Set<string>();
  const invitations: Invitation[] = [];
  const visit = async (round: readonly PersonKey[]): Promise<PersonKey[]> => {
    const found = (await Promise.all(round.map((key) => deps.people.invitationsOf(key)))).flat();
    const fresh = [...new Set(found)].filter((id) => !invitationIds.has(id));
    for (const id of fresh) invitationIds.add(id);
    const live = (await Promise.all(fresh.map((id) => deps.invitations.get(id)))).filter(
      (invitation): invitation is Invitation => invitation !== null && invitation.erasedAt === undefined,
    );
    invitations.push(...live);
    return live.flatMap((invitation) => personKeysOf(invitation.customer));
  };
  const named = await visit([...keys]);
  const customers = named.filter((key) => key.startsWith('customer:') && !keys.has(key));
  for (const key of named) keys.add(key);
  for (const key of await visit(customers)) keys.add(key);
  invitations.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { keys: [...keys], invitationIds: [...invitationIds], invitations };
};
