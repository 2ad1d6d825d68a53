import { describe, expect, it } from 'vitest';
import { freshStores } from '../../test/support/handlers.js';
import { aResponse, aSentInvitation } from '../../test/support/samples.js';
import { ConflictError } from '../platform/errors.js';
import { findPerson } from './find-person.js';

const PHONE = '+14155550177';
const AT = new Date('2026-11-20T12:00:00Z');

/**
 * A household's phone: Cleo's invitation has expired (its answer is kept, the index entry outlives
 * it), Dan's is live. Whose is what is read from the invitation, or from the answer once it is gone.
 */
const household = async () => {
  const stores = await freshStores();
  await stores.people.remember([`customer:cleo`, `phone:${PHONE}`], 'inv-cleo', AT);
  await stores.responses.save(
    aResponse({ invitationId: 'inv-cleo', customerId: 'cleo', comment: 'late again' }),
  );
  await stores.people.remember([`customer:dan`, `phone:${PHONE}`], 'inv-dan', AT);
  await stores.invitations.create(
    aSentInvitation({
      invitationId: 'inv-dan',
      interactionId: 'zd-dan',
      customer: { id: 'dan', phone: PHONE },
    }),
  );
  return stores;
};

describe('findPerson', () => {
  it("finds a customer's answer whose invitation has expired, and not the other customer's on the same phone", async () => {
    const stores = await household();

    const cleo = await findPerson(['customer:cleo', `phone:${PHONE}`], stores);
    const dan = await findPerson(['customer:dan', `phone:${PHONE}`], stores);

    expect(cleo.invitationIds).toEqual(['inv-cleo']);
    expect(cleo.invitations).toEqual([]);
    expect(dan.invitationIds).toEqual(['inv-dan']);
    expect(dan.invitations.map((invitation) => invitation.invitationId)).toEqual(['inv-dan']);
  });

  it('refuses a phone alone that leads to two customers, one of them known only by an answer', async () => {
    const stores = await household();

    const refused = await findPerson([`phone:${PHONE}`], stores).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toContain('customerId');
  });
});
