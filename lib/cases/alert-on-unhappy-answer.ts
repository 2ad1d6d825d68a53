import { renderDetractorAlert } from '../alerts/detractor-alert.js';
import type { AlertLedger, AlertPublisher } from '../alerts/ports.js';
import { publishOnce } from '../alerts/publish-once.js';
import type { CommentInsight } from '../insight/label-comment.js';
import type { Response, ResponseTransition } from '../invitations/response.js';
import type { Clock } from '../platform/clock.js';
import { measure } from '../platform/metrics.js';
import { isUnhappy, type UnhappyThresholds } from '../surveys/scales.js';
import { caseOf } from './case.js';
import type { CaseStore } from './ports.js';
import { type ChangeOutcome, recordAnswerChange } from './update-case.js';

export interface AlertDeps {
  ledger: AlertLedger;
  publisher: AlertPublisher;
  clock: Clock;
  thresholds: UnhappyThresholds;
  /** Each alert opens a case, which later changes of the answer update. */
  cases: CaseStore;
  /** Where a lead reads the case, linked from the alert. */
  caseUrl: (caseId: string) => string;
}

/**
 * `published` (the detractor alert), `updated` (an update on the case went out), `update-deferred`
 * (the change is on the case; its update waits for the window), `change-recorded` (the case is
 * resolved: the change is on it, and no update goes out), `not-unhappy`, `already-alerted`.
 */
export type AlertOutcome =
  | 'published'
  | 'updated'
  | 'update-deferred'
  | 'change-recorded'
  | 'not-unhappy'
  | 'already-alerted'
  /** Its customer was erased since: nothing of the change is kept or told. */
  | 'erased';

const alertable = (response: Response | null, thresholds: UnhappyThresholds): response is Response =>
  response !== null && !response.suspect && isUnhappy(response.survey, response.score, thresholds);

/** A counted answer whose score or comment changed: what a lead following its case wants to hear of. */
const changedAnswer = (before: Response | null, after: Response | null): after is Response =>
  before !== null &&
  after !== null &&
  !before.suspect &&
  !after.suspect &&
  (before.score !== after.score || before.comment !== after.comment);

/**
 * Publishes one detractor alert when an answer becomes unhappy (a new unhappy answer, a change down
 * into the unhappy range, or a suspect answer released), and opens its case: the case by its own
 * conditional put, the alert by the ledger, each once per invitation whatever the stream redelivers.
 *
 * Once an answer has its case, a later change of its score or comment (the comment the page asks for
 * after the score, a change of mind, even up out of the unhappy range) is recorded on that case and
 * told to the same subscribers as the alert in an update, never a second alert: at most one update per
 * case in a few minutes, carrying every change since the last, and none on a resolved case (see
 * {@link recordAnswerChange}). Both carry the comment's labels, `insight`, as the reactor learned them
 * before (null: no comment; undefined: not learned).
 */
export const alertOnUnhappyAnswer = async (
  transition: ResponseTransition,
  deps: AlertDeps,
  insight?: CommentInsight | null,
): Promise<AlertOutcome> => {
  const { before, after } = transition;
  if (alertable(after, deps.thresholds) && !alertable(before, deps.thresholds)) {
    // Opened before the alert goes out, so the alert can link it; a replay finds it open and goes on.
    await deps.cases.open(caseOf(after, deps.clock.now(), deps.thresholds, insight));
    const alert = renderDetractorAlert(after, deps.thresholds, deps.caseUrl(after.invitationId), insight);
    if (await publishOnce(alert, `detractor#${after.invitationId}`, deps)) {
      // How long the lead waited: from the change that made it unhappy to its alert going out.
      measure('AnswerToAlert', deps.clock.now().getTime() - new Date(after.updatedAt).getTime());
      return 'published';
    }
    // Alerted already: a replay, or an answer that went up and came down again (an update below).
  }
  if (!changedAnswer(before, after)) {
    return alertable(after, deps.thresholds) ? 'already-alerted' : 'not-unhappy';
  }
  return OUTCOMES[await recordAnswerChange(after, deps, insight)];
};

const OUTCOMES: Record<ChangeOutcome, AlertOutcome> = {
  'no-case': 'not-unhappy',
  erased: 'erased',
  replayed: 'already-alerted',
  updated: 'updated',
  deferred: 'update-deferred',
  recorded: 'change-recorded',
};
