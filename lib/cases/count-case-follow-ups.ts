import type { Response, ResponseTransition } from '../invitations/response.js';
import { isUnhappy, type UnhappyThresholds } from '../surveys/scales.js';
import { type RecoverySurvey, RecoverySurveySchema } from './case.js';
import type { CaseStats } from './ports.js';

export interface FollowUpDeps {
  caseStats: CaseStats;
  thresholds: UnhappyThresholds;
  /** The stage's recovery survey, whose touchpoint tells its answers apart; null when it sends none. */
  recoverySurvey: RecoverySurvey | null;
}

/**
 * `recovery-counted` (a recovery survey's answer, counted), `recovery-moved` (its score changed),
 * `next-answer-counted` (it was the next answer after one or more of the customer's cases), `none`
 * (nothing follows from it: no case waited, a change, a suspect answer), `replayed` (counted already).
 */
export type FollowUpOutcome =
  | 'recovery-counted'
  | 'recovery-moved'
  | 'next-answer-counted'
  | 'none'
  | 'replayed';

/** An answer that counts in the scores: not held as suspect. */
const counted = (response: Response | null): response is Response => response !== null && !response.suspect;

/** Where answers to the recovery survey go when the stage sends none (any still answered after it stopped). */
const DEFAULT_RECOVERY_TOUCHPOINT = RecoverySurveySchema.parse({}).touchpoint;

/**
 * What a counted answer tells about the cases before it, in the case statistics (a reactor step):
 *
 * - **Recovery score.** An answer to the recovery survey (its touchpoint) is counted, once per
 *   invitation, on the day of its first answer and for its team (the team of the case it follows),
 *   and a change of its score moves it within that day, as the scores count answers. The aggregates
 *   keep a touchpoint's score only over every team, so a team's recovery score is kept here.
 * - **Win-back.** The first counted answer of a customer to any other survey (a new answer, or a
 *   suspect one released) is their next answer after each of their cases opened before it: each case's
 *   marker is taken, in one transaction with the count (answered again, and won back when the score is
 *   out of the stage's unhappy range), on the day the case opened and for its team. A replay finds the
 *   marker gone. A recovery answer is not a next answer: it rates the follow-up, not the next contact.
 *
 * Costs one query of the customer's markers per first counted answer (0.5 read units when there are
 * none), and a transaction of three items per case it follows; nothing on a change of an answer.
 */
export const countCaseFollowUps = async (
  transition: ResponseTransition,
  deps: FollowUpDeps,
): Promise<FollowUpOutcome> => {
  const { before, after } = transition;
  if (!counted(after)) return 'none';
  const recoveryTouchpoint = deps.recoverySurvey?.touchpoint ?? DEFAULT_RECOVERY_TOUCHPOINT;
  if (after.touchpoint === recoveryTouchpoint) {
    if (!counted(before)) {
      return (await deps.caseStats.countRecoveryAnswer(after)) ? 'recovery-counted' : 'replayed';
    }
    if (before.score === after.score) return 'none';
    return (await deps.caseStats.countRecoveryChange(before, after)) ? 'recovery-moved' : 'replayed';
  }
  // Only the first counted answer is the next answer; a change of it (or an erased customer) is not.
  if (counted(before) || after.customerId === '') return 'none';
  const answeredAt = Date.parse(after.answeredAt);
  const followed = (await deps.caseStats.waitingForNextAnswer(after.customerId)).filter(
    (marker) => marker.caseId !== after.invitationId && Date.parse(marker.openedAt) < answeredAt,
  );
  if (followed.length === 0) return 'none';
  const wonBack = !isUnhappy(after.survey, after.score, deps.thresholds);
  let taken = 0;
  for (const marker of followed) {
    if (await deps.caseStats.countNextAnswer(marker, wonBack)) taken += 1;
  }
  return taken > 0 ? 'next-answer-counted' : 'replayed';
};
