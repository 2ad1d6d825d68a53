import * as z from 'zod';
import { SurveySchema } from '../surveys/scales.js';
import { SENTIMENTS } from './ports.js';

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
