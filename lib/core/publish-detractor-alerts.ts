import { caseOf } from '../domain/case.js';
import type { Response } from '../domain/response.js';
import { isUnhappy, type UnhappyThresholds } from '../domain/survey.js';
import { renderDetractorAlert } from '../messages/detractor-alert.js';
import type { AlertLedger, AlertPublisher, CaseStore, Clock } from './ports.js';

export interface AlertDeps {
  ledger: AlertLedger;
  publisher: AlertPublisher;
  clock: Clock;
  thresholds: UnhappyThresholds;
  /** Each alert opens a case; without a store (tests of the alert alone) none is opened. */
  cases?: CaseStore;
  /** Where a lead reads the case, linked from the alert. */
  caseUrl?: (caseId: string) => string;
}

/** A response as it was before and after one stream record. */
export interface ResponseTransition {
  before: Response | null;
  after: Response | null;
}

const alertable = (response: Response | null, thresholds: UnhappyThresholds): response is Response =>
  response !== null && !response.suspect && isUnhappy(response.survey, response.score, thresholds);

/**
 * Publishes one detractor alert when an answer becomes unhappy (a new unhappy answer, a change down
 * into the unhappy range, or a suspect answer released), and opens its case. The ledger makes both once per invitation,
 * whatever the stream redelivers. Answers `published` only when this call sent it.
 */
export const alertOnUnhappyAnswer = async (
  transition: ResponseTransition,
  deps: AlertDeps,
): Promise<'published' | 'not-unhappy' | 'already-alerted'> => {
  const { before, after } = transition;
  if (!alertable(after, deps.thresholds) || alertable(before, deps.thresholds)) return 'not-unhappy';
  const dedupeKey = `detractor#${after.invitationId}`;
  if (!(await deps.ledger.claim(dedupeKey, deps.clock.now()))) return 'already-alerted';
  // Opened before the alert goes out, so the alert can link it; a retry finds it open and goes on.
  await deps.cases?.open(caseOf(after, deps.clock.now(), deps.thresholds));
  const alert = renderDetractorAlert(
    after,
    deps.thresholds,
    deps.cases ? deps.caseUrl?.(after.invitationId) : undefined,
  );
  const messageId = await deps.publisher.publish({ ...alert, dedupeKey });
  await deps.ledger.markPublished(dedupeKey, messageId, deps.clock.now());
  return 'published';
};
