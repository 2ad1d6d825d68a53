import type { CommentInsight } from '../insight/label-comment.js';
import type { ResponseTransition } from '../invitations/response.js';
import { type AlertDeps, type AlertOutcome, alertOnUnhappyAnswer } from './alert-on-unhappy-answer.js';

/** What the alert step tells the steps after it: what it did, and the answer's case when it has one. */
export interface CaseOfAnswer {
  alert: AlertOutcome;
  /** The case's id (the invitation's), when the answer has a case. */
  caseId?: string;
}

/** Whether each outcome says the answer has a case: it was opened, or the change was recorded on it. */
const HAS_CASE: Record<AlertOutcome, boolean> = {
  published: true,
  'already-alerted': true,
  updated: true,
  'update-deferred': true,
  'change-recorded': true,
  'not-unhappy': false,
  // Its listing is taken down for good by the erasure: no case to show.
  erased: false,
};

/**
 * The alert step as the reactor runs it ({@link alertOnUnhappyAnswer}), then whether the answer has a
 * case, for the steps after it (the answer listing shows it). The outcome tells, except for a change
 * of an answer that is not unhappy: an answer that went up out of the unhappy range keeps its case
 * (3 → 9, then a change held as suspect, which is no change to record), so the case is read then, and
 * only then; a first answer that is not unhappy has none.
 */
export const alertAndFindCase = async (
  transition: ResponseTransition,
  deps: AlertDeps,
  insight?: CommentInsight | null,
): Promise<CaseOfAnswer> => {
  const alert = await alertOnUnhappyAnswer(transition, deps, insight);
  const { before, after } = transition;
  if (after === null) return { alert };
  if (HAS_CASE[alert]) return { alert, caseId: after.invitationId };
  if (before === null) return { alert };
  const kept = await deps.cases.get(after.invitationId);
  return kept ? { alert, caseId: kept.caseId } : { alert };
};
