import * as z from 'zod';
import { wellFormed } from '../platform/text.js';
import { type Survey, SurveySchema } from '../surveys/scales.js';
import type { Day } from '../surveys/window.js';

/** The largest comment a customer may leave. */
export const MAX_COMMENT_LENGTH = 2000;

/**
 * Browsers send a textarea's line breaks as CRLF; the length counts them as one, as the page does. A
 * lone surrogate is repaired rather than refused: the customer's words are kept.
 */
export const CommentSchema = z
  .string()
  .transform((comment) => wellFormed(comment).replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().max(MAX_COMMENT_LENGTH, `must be at most ${MAX_COMMENT_LENGTH} characters`));

/**
 * One invitation's answer. There is at most one per invitation; a changed score or an added comment
 * updates it. `day` is the UTC day of the first answer and never moves, so a change of mind stays in
 * the bucket it was counted in. The segment values are copied from the invitation, so the stream
 * record alone carries everything the aggregator and the alert need.
 */
export interface Response {
  invitationId: string;
  interactionId: string;
  survey: Survey;
  score: number;
  comment: string;
  suspect: boolean;
  /** Why it is held as suspect (see answer-signals), kept after a release for the record. */
  suspectReasons?: string[] | undefined;
  /** What the POST of a suspect answer showed (page dwell, script, taps, user agent), for a reviewer. */
  suspectSignals?: AnswerSignals | undefined;
  /** When someone released a suspect answer, or a held change, into the metrics and alerts. */
  releasedAt?: string | undefined;
  /** Who released it: a lead's email, or `integrator:<credential>`. */
  releasedBy?: string | undefined;
  /**
   * A change of this counted answer that was judged suspect: kept beside it, uncounted and alerting
   * nobody, until someone releases it (then it becomes the counted answer). A later one replaces it,
   * keeping its words (see lib/answers/record-answer.ts).
   */
  heldChange?: HeldChange | undefined;
  /**
   * How many changes the answer took after the first one, counted or held (a suspect answer replaced,
   * a held change kept); at MAX_ANSWER_CHANGES it takes no more (see lib/answers/record-answer.ts).
   * Absent before the first change.
   */
  changes?: number | undefined;
  day: Day;
  answeredAt: string;
  updatedAt: string;
  team: string;
  channel: string;
  touchpoint: string;
  agent?: string | undefined;
  /** The customer's language as the integrator sent it (`customer.locale`), copied with the segments. */
  locale?: string | undefined;
  customerId: string;
  customerName?: string | undefined;
  customerEmail?: string | undefined;
  customerPhone?: string | undefined;
  attributes?: Record<string, string> | undefined;
  /**
   * When an erasure scrubbed it: what stays is anonymous (survey, score, days, segments) and still
   * counts; a record of the scrubbing is no change of the answer (see response-stream-records.ts).
   */
  erasedAt?: string | undefined;
}

/**
 * What a suspect POST asked of an answer a person had already given, as received: the score and the
 * whole comment it posted, why it is held and the signals behind that (see answer-signals).
 */
export interface HeldChange {
  score: number;
  comment: string;
  reasons: string[];
  signals: AnswerSignals;
  /** When it arrived; the counted answer's `updatedAt` does not move for it. */
  receivedAt: string;
}

/** A held change as the routes show it: what was asked, why it is held, when it came. */
export type HeldChangeView = Omit<HeldChange, 'signals'>;

/** What a reader of a held change is shown; the signals (a user agent among them) stay stored. */
export const viewHeldChange = ({ score, comment, reasons, receivedAt }: HeldChange): HeldChangeView => ({
  score,
  comment,
  reasons,
  receivedAt,
});

const AnswerSignalsSchema = z.object({
  scriptRan: z.boolean(),
  interactions: z.number(),
  pageDwellMs: z.number().nullable(),
  sinceSentMs: z.number().nullable(),
  userAgent: z.string(),
  stampUsedBefore: z.boolean().optional(),
});

/** A stored response as read back (from the table or a stream image), checked rather than trusted. */
export const StoredResponseSchema = z.object({
  invitationId: z.string().min(1),
  interactionId: z.string().min(1),
  survey: SurveySchema,
  score: z.number().int(),
  comment: z.string(),
  suspect: z.boolean(),
  suspectReasons: z.array(z.string()).optional(),
  suspectSignals: AnswerSignalsSchema.optional(),
  releasedAt: z.string().optional(),
  releasedBy: z.string().optional(),
  heldChange: z
    .object({
      score: z.number().int(),
      comment: z.string(),
      reasons: z.array(z.string()),
      signals: AnswerSignalsSchema,
      receivedAt: z.string(),
    })
    .optional(),
  changes: z.number().int().nonnegative().optional(),
  day: z.iso.date(),
  answeredAt: z.string(),
  updatedAt: z.string(),
  team: z.string(),
  channel: z.string(),
  touchpoint: z.string(),
  agent: z.string().optional(),
  locale: z.string().optional(),
  customerId: z.string(),
  customerName: z.string().optional(),
  customerEmail: z.string().optional(),
  customerPhone: z.string().optional(),
  attributes: z.record(z.string(), z.string()).optional(),
  erasedAt: z.string().optional(),
});

/**
 * What a POST of the survey form tells about who sent it. Mail security scanners (Safe Links and
 * Defender, Proofpoint, Mimecast, Barracuda) fetch every link within seconds of delivery and some run
 * the page in a headless browser; a person loads the page, looks, taps a score or types, and sends.
 */
export interface AnswerSignals {
  /** The page's script ran in the browser that posted (it echoed the page's challenge). */
  scriptRan: boolean;
  /** Pointer, touch and key events the script saw on the form before it was sent. */
  interactions: number;
  /** Milliseconds between the server rendering the page and receiving the POST; null without a genuine stamp. */
  pageDwellMs: number | null;
  /** Milliseconds between the invitation's send and the POST. */
  sinceSentMs: number | null;
  userAgent: string;
  /**
   * The page's stamp had been used already by a POST of a different answer: the form sent again from a
   * page kept open (the back button), or its stamp copied. Absent when it was not.
   */
  stampUsedBefore?: boolean | undefined;
}

/** A response as it was before and after one stream record. */
export interface ResponseTransition {
  before: Response | null;
  after: Response | null;
}
