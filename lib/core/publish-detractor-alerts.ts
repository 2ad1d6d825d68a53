import type { Response } from '../domain/response.js';
import { isUnhappy, type UnhappyThresholds } from '../domain/survey.js';
import { renderDetractorAlert } from '../messages/detractor-alert.js';
import type { AlertLedger, AlertPublisher, Clock } from './ports.js';

export interface AlertDeps {
  ledger: AlertLedger;
  publisher: AlertPublisher;
  clock: Clock;
  thresholds: UnhappyThresholds;
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
 * into the unhappy range, or a suspect answer released). The ledger makes it once per invitation,
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
  const alert = renderDetractorAlert(after, deps.thresholds);
  const messageId = await deps.publisher.publish({ ...alert, dedupeKey });
  await deps.ledger.markPublished(dedupeKey, messageId, deps.clock.now());
  return 'published';
};
