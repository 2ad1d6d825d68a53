import { createHash } from 'node:crypto';
import * as z from 'zod';
import { SurveySchema } from '../surveys/scales.js';
import { SENTIMENTS } from '../surveys/sentiments.js';

/**
 * A comment's labels, kept beside its answer (`INV#<invitationId>` / `INSIGHT`), never on it, so that
 * labelling a comment is not a change of the answer. The item also carries what the counts need: the
 * answer's survey, first-answer day, segments and the score it is counted with (null while the answer
 * counts nowhere, held as suspect), so that the fold reads each label change from the item's own stream
 * records, exactly once, as it reads answers.
 *
 * `status`: `pending` until the comment is analysed, `done` with its `sentiment` and `topics`, or
 * `failed` with the `reason` once the analysis gave up. `commentDigest` says which comment the labels
 * are of: a changed comment is analysed again, a changed score only moves the counts.
 */
export const CommentLabelsSchema = z.object({
  invitationId: z.string().min(1),
  survey: SurveySchema,
  day: z.iso.date(),
  score: z.number().int().nullable(),
  team: z.string(),
  channel: z.string(),
  touchpoint: z.string(),
  agent: z.string().optional(),
  status: z.enum(['pending', 'done', 'failed']),
  sentiment: z.enum(SENTIMENTS).optional(),
  topics: z.array(z.string()),
  commentDigest: z.string(),
  reason: z.string().optional(),
});

export type CommentLabels = z.infer<typeof CommentLabelsSchema>;

/** Which comment labels are of: the same words give the same digest, so they are analysed once. */
export const commentDigestOf = (comment: string): string =>
  createHash('sha256').update(comment.trim()).digest().subarray(0, 12).toString('base64url');

/** A comment's labels as the routes show them beside its answer. */
export interface InsightView {
  /** Where its analysis stands; absent without a comment, or while the answer is held as suspect. */
  insight?: CommentLabels['status'];
  sentiment?: CommentLabels['sentiment'];
  /** The topics it mentions, once analysed; empty until then and without a comment. */
  topics: string[];
}

/**
 * The labels of an answer's comment as `GET /invitations/{id}` and `GET /cases/{id}` show them: its
 * sentiment and topics once analysed, `pending` while labels of another comment (the one it changed
 * from) are all there is.
 */
export const insightViewOf = (comment: string, labels: CommentLabels | null): InsightView => {
  if (comment.trim() === '' || labels === null) return { topics: [] };
  if (labels.commentDigest !== commentDigestOf(comment)) return { insight: 'pending', topics: [] };
  if (labels.status !== 'done') return { insight: labels.status, topics: [] };
  return {
    insight: 'done',
    ...(labels.sentiment === undefined ? {} : { sentiment: labels.sentiment }),
    topics: labels.topics,
  };
};
