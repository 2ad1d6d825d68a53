import type { ResponseTransition } from '../invitations/response.js';
import { entryOf, type LearnedOfAnswer } from './entry.js';
import type { FeedbackStore } from './ports.js';

/** What keeping the listing needs. */
export interface ListingDeps {
  feedback: FeedbackStore;
}

/**
 * The reactor's step that keeps the answer listing (`GET /responses`) as the answers stand: an answer
 * as it is now, with its case (and its comment's labels) as the steps before learned them, in every
 * facet it belongs to, and out of those it left, which the listing itself remembers. A removed answer
 * leaves the listing; a deletion by the table's time to live, which the reactor sees as no answer at
 * all, changes nothing. The reactor handles an invitation's records in order, so a replay converges
 * on the latest answer.
 */
export const listAnswer = async (
  { before, after }: ResponseTransition,
  deps: ListingDeps,
  learned: LearnedOfAnswer,
): Promise<Record<string, never>> => {
  const invitationId = after?.invitationId ?? before?.invitationId;
  if (invitationId === undefined) return {};
  await deps.feedback.keep(invitationId, after ? entryOf(after, learned) : null);
  return {};
};
