import { randomUUID } from 'node:crypto';
import type { Case } from '../cases/case.js';
import { hashedPersonKeyOf } from '../contacts/contact-keys.js';
import type { Suppression } from '../contacts/suppression.js';
import type { Invitation } from '../invitations/invitation.js';
import type { Response } from '../invitations/response.js';
import { logger } from '../platform/logger.js';
import type { PeopleDeps } from './erase-person.js';
import { findPerson } from './find-person.js';
import { personKeysAsked } from './person.js';

export type ExportDeps = Omit<PeopleDeps, 'feedback' | 'contacts'>;

/** Everything held about a person, for an access request. */
export interface PersonExport {
  invitations: Invitation[];
  responses: Response[];
  cases: Case[];
  suppressions: Suppression[];
}

/**
 * `GET /people/export`: everything held about the person the query names, found as an erasure finds
 * it (the person index, under the keys asked for and the customer ids their invitations name), in one
 * document: each invitation, its answer and its case as stored, and the suppressions of their
 * addresses and numbers. Audited like an erasure, with hashed identifiers.
 */
export const exportPerson = async (query: unknown, by: string, deps: ExportDeps): Promise<PersonExport> => {
  const asked = personKeysAsked(query, deps.defaultCountry);
  const { keys, invitations, invitationIds } = await findPerson(asked, deps);
  // By every invitation found: an answer or a case outlives an invitation that expired before it.
  const responses = (await Promise.all(invitationIds.map((id) => deps.responses.get(id)))).filter(
    (response): response is Response => response !== null && !response.erasedAt,
  );
  const cases = (await Promise.all(invitationIds.map((id) => deps.cases.get(id)))).filter(
    (kept): kept is Case => kept !== null && !kept.erasedAt,
  );
  // A contact another customer's invitation is still noted under (a shared phone) is theirs too: its
  // suppression is not this person's alone to see.
  const suppressions = (
    await Promise.all(keys.map((key) => deps.personalData.suppressionsOf(key, invitationIds)))
  ).flat();

  const secret = await deps.signingKey();
  const exportId = randomUUID();
  const counts = {
    invitations: invitations.length,
    responses: responses.length,
    cases: cases.length,
    suppressions: suppressions.length,
  };
  await deps.personalData.audit({
    kind: 'export',
    requestId: exportId,
    by,
    at: deps.clock.now().toISOString(),
    identifiers: asked.map((key) => hashedPersonKeyOf(key, secret)),
    counts,
  });
  logger.info('person exported', { exportId, by, counts });
  return { invitations, responses, cases, suppressions };
};
