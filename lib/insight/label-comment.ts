import type { ResponseStore } from '../invitations/ports.js';
import type { Response, ResponseTransition } from '../invitations/response.js';
import { PermanentDeliveryError } from '../platform/errors.js';
import { logger } from '../platform/logger.js';
import { measure } from '../platform/metrics.js';
import type { Taxonomy } from '../settings/topics.js';
import { type CommentLabels, commentDigestOf } from './labels.js';
import type { AnalysisQueue, LabelsStore, SentimentDetector } from './ports.js';
import { topicsOf } from './topic-rules.js';

/** What labelling comments needs. */
export interface InsightDeps {
  labels: LabelsStore;
  sentiment: SentimentDetector;
  /** The stage's topics (`taxonomyOf(settings)`). */
  taxonomy: Taxonomy;
  /** Where a comment goes whose analysis failed for a while (a throttle, an outage). */
  analysisQueue: AnalysisQueue;
}

/** Where a comment's analysis stands, and what it found: what an alert, a case and a listing show. */
export type CommentInsight = Pick<CommentLabels, 'status' | 'sentiment' | 'topics'>;

export const insightOf = ({ status, sentiment, topics }: CommentLabels): CommentInsight => ({
  status,
  ...(sentiment === undefined ? {} : { sentiment }),
  topics,
});

/**
 * What labels take from their answer, for the counts: the survey, the day and segments it is counted
 * on, and the score it is counted with (null while it counts nowhere).
 */
export const labelsBasisOf = (response: Response) => ({
  invitationId: response.invitationId,
  survey: response.survey,
  day: response.day,
  score: response.suspect ? null : response.score,
  team: response.team,
  channel: response.channel,
  touchpoint: response.touchpoint,
  ...(response.agent === undefined ? {} : { agent: response.agent }),
});

const sameBasis = (labels: CommentLabels, basis: ReturnType<typeof labelsBasisOf>): boolean =>
  (Object.keys(basis) as (keyof typeof basis)[]).every((field) => labels[field] === basis[field]);

/**
 * Analyses one comment: its topics by our rules, its sentiment by the detector. A refusal for good is
 * `failed` with the reason (the topics are kept); a throttle or an outage is thrown, to be tried again.
 */
export const analyseComment = async (
  comment: string,
  locale: string | undefined,
  deps: Pick<InsightDeps, 'sentiment' | 'taxonomy'>,
): Promise<Pick<CommentLabels, 'status' | 'sentiment' | 'topics' | 'reason'>> => {
  const topics = topicsOf(comment, deps.taxonomy);
  try {
    return { status: 'done', sentiment: await deps.sentiment.detect(comment, locale), topics };
  } catch (error) {
    if (error instanceof PermanentDeliveryError) return { status: 'failed', topics, reason: error.message };
    throw error;
  }
};

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The reactor's first step: labels an answer's comment, before the alert goes out so that the alert
 * carries them. A new or changed comment is analysed once; a changed score (or a released answer) only
 * moves what its labels are counted with; a removed comment or answer takes its labels away. Labels
 * are a separate item beside the answer, so labelling is no change of the answer.
 *
 * Never holds the stream: when the analyser is throttled or out of order, the labels are written
 * `pending` (the topics already known) and the comment is queued to be tried again off the stream
 * (analyse-comments). A suspect answer is not analysed until it is released: it counts nowhere, and a
 * scanner's POST should cost nothing. A replay of a pending comment tries it again at once.
 */
export const labelComment = async (
  { before, after }: ResponseTransition,
  deps: InsightDeps,
): Promise<{ insight?: CommentInsight | null }> => {
  if (after === null) {
    // A removal (not the table's time to live, which reaches here as no answer at all) takes the labels too.
    if (before !== null) await deps.labels.remove(before.invitationId);
    return {};
  }
  if (after.suspect) return {};
  const comment = after.comment.trim();
  // Most answers carry no comment, nor did they before: no labels to read or take away.
  if (comment === '' && (before?.comment ?? '').trim() === '') return { insight: null };
  const existing = await deps.labels.get(after.invitationId);
  if (comment === '') {
    if (existing) await deps.labels.remove(after.invitationId);
    return { insight: null };
  }
  const commentDigest = commentDigestOf(comment);
  const basis = labelsBasisOf(after);
  if (existing?.commentDigest === commentDigest && existing.status !== 'pending') {
    if (!sameBasis(existing, basis)) await deps.labels.put({ ...existing, ...basis });
    return { insight: insightOf(existing) };
  }
  let labels: CommentLabels;
  try {
    labels = { ...basis, ...(await analyseComment(comment, after.locale, deps)), commentDigest };
  } catch (error) {
    labels = {
      ...basis,
      status: 'pending',
      topics: topicsOf(comment, deps.taxonomy),
      commentDigest,
      reason: reasonOf(error),
    };
    await deps.labels.put(labels);
    await deps.analysisQueue.retry(after.invitationId, commentDigest);
    logger.warn('comment analysis put off', { invitationId: after.invitationId, reason: labels.reason });
    measure('CommentsAnalysed', 1, 'pending');
    return { insight: insightOf(labels) };
  }
  await deps.labels.put(labels);
  measure('CommentsAnalysed', 1, labels.status);
  return { insight: insightOf(labels) };
};

/** What a retried analysis needs: labelling, and the answer whose comment it reads. */
export interface RetryAnalysisDeps extends Omit<InsightDeps, 'analysisQueue'> {
  responses: ResponseStore;
}

/**
 * What a retried analysis did: `done` or `failed` (written), `moved-on` (the comment changed or was
 * settled meanwhile: nothing to do). A throttle or an outage is thrown, for the queue to try again.
 */
export type RetryOutcome = 'done' | 'failed' | 'moved-on';

/**
 * Analyses again a comment whose labels are pending (analyse-comments, from the queue), and settles
 * its labels, only if they are still pending for the same comment and score.
 */
export const retryAnalysis = async (
  invitationId: string,
  commentDigest: string,
  deps: RetryAnalysisDeps,
): Promise<RetryOutcome> => {
  const labels = await deps.labels.get(invitationId);
  if (labels?.status !== 'pending' || labels.commentDigest !== commentDigest) return 'moved-on';
  const response = await deps.responses.get(invitationId);
  if (!response || commentDigestOf(response.comment) !== commentDigest) return 'moved-on';
  const { reason: _reason, ...pending } = labels;
  const outcome = await analyseComment(response.comment.trim(), response.locale, deps);
  if (!(await deps.labels.settle({ ...pending, ...outcome }))) return 'moved-on';
  measure('CommentsAnalysed', 1, outcome.status);
  return outcome.status === 'done' ? 'done' : 'failed';
};

/**
 * Gives up on a comment after its last try: its labels `failed` with the reason, so the answer, its
 * case and the listing say so, and the queue's message moves to its dead-letter queue.
 */
export const giveUpAnalysis = async (
  invitationId: string,
  commentDigest: string,
  error: unknown,
  deps: Pick<InsightDeps, 'labels'>,
): Promise<void> => {
  const labels = await deps.labels.get(invitationId);
  if (labels?.status !== 'pending' || labels.commentDigest !== commentDigest) return;
  if (await deps.labels.settle({ ...labels, status: 'failed', reason: reasonOf(error) })) {
    measure('CommentsAnalysed', 1, 'failed');
  }
};
