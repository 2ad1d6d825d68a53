import { renderDetractorAlert } from '../alerts/detractor-alert.js';
import type { AlertLedger, AlertPublisher } from '../alerts/ports.js';
import { publishOnce } from '../alerts/publish-once.js';
import type { Response, ResponseTransition } from '../invitations/response.js';
import type { Clock } from '../platform/clock.js';
import { isUnhappy, type UnhappyThresholds } from '../surveys/scales.js';
import { caseOf, caseUpdateOf } from './case.js';
import { renderCaseUpdate } from './case-update.js';
import type { CaseStore } from './ports.js';

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

export type AlertOutcome = 'published' | 'updated' | 'not-unhappy' | 'already-alerted';

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
 * after the score, a change of mind, even up out of the unhappy range) is one update on that case,
 * never a second alert: the case takes the new score and comment, and the update goes to the same
 * subscribers as the alert, keyed by the answer's `updatedAt`, so a replay sends it once.
 */
export const alertOnUnhappyAnswer = async (
  transition: ResponseTransition,
  deps: AlertDeps,
): Promise<AlertOutcome> => {
  const { before, after } = transition;
  if (alertable(after, deps.thresholds) && !alertable(before, deps.thresholds)) {
    // Opened before the alert goes out, so the alert can link it; a replay finds it open and goes on.
    await deps.cases.open(caseOf(after, deps.clock.now(), deps.thresholds));
    const alert = renderDetractorAlert(after, deps.thresholds, deps.caseUrl(after.invitationId));
    if (await publishOnce(alert, `detractor#${after.invitationId}`, deps)) return 'published';
    // Alerted already: a replay, or an answer that went up and came down again (an update below).
  }
  if (!changedAnswer(before, after)) {
    return alertable(after, deps.thresholds) ? 'already-alerted' : 'not-unhappy';
  }
  const updated = await updateCase(before as Response, after, deps);
  return updated === 'no-case' ? 'not-unhappy' : updated ? 'updated' : 'already-alerted';
};

/**
 * Moves the answer's case, if it has one, to the changed answer, and tells its subscribers once;
 * answers whether this call sent the update.
 */
const updateCase = async (
  before: Response,
  after: Response,
  deps: AlertDeps,
): Promise<boolean | 'no-case'> => {
  const { cases } = deps;
  // A case status moved meanwhile (a lead acknowledged it) is read again; a newer change is kept.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const opened = await cases.get(after.invitationId);
    if (!opened) return 'no-case';
    // The change that opened the case, replayed: its alert went out, and it is no update.
    if (after.updatedAt <= (opened.openingAnswerAt ?? '')) return false;
    const answerSeen = opened.answerUpdatedAt ?? opened.openedAt;
    if (answerSeen < after.updatedAt) {
      const moved = await cases.transition(
        opened.caseId,
        opened.status,
        opened.status,
        caseUpdateOf(opened, after),
      );
      if (!moved) continue;
    }
    const update = renderCaseUpdate(opened, before, after, deps.caseUrl(opened.caseId));
    return publishOnce(update, `update#${after.invitationId}#${after.updatedAt}`, deps);
  }
  throw new Error(`case ${after.invitationId} kept moving while its answer changed`);
};
