import * as z from 'zod';
import type { AlertInsight } from '../alerts/alert-text.js';
import type { CommentInsight } from '../insight/label-comment.js';
import type { CommentLabels } from '../insight/labels.js';
import type { Response } from '../invitations/response.js';
import { singleLine } from '../platform/text.js';
import { ALERT_KINDS, type AlertKind } from '../settings/alerts.js';
import {
  type CaseSla,
  CaseSlaSchema,
  RESOLUTION_REASONS,
  type RecoverySurvey,
  RecoverySurveySchema,
} from '../settings/cases.js';
import { severityOf, type UnhappyThresholds } from '../surveys/scales.js';
import { answerChangedEntry, PULSE_ACTOR, type TimelineEntry, withEntry } from './timeline.js';

export type { AlertKind, CaseSla, RecoverySurvey, TimelineEntry };
export { ALERT_KINDS, CaseSlaSchema, RESOLUTION_REASONS, RecoverySurveySchema };

/**
 * The closed loop: each detractor alert opens a case, which a lead acknowledges (they are on it) and
 * resolves with a reason. A resolved case stays resolved until a lead reopens it, which is a new
 * opening: open again, its SLA and escalation starting over.
 */
export const CASE_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Who acted, shown on one line of the case (lib/platform/text.ts). */
const who = singleLine(128).min(1, 'must not be empty');

/**
 * `actor` is who acted, as the route's authorizer proved it (a lead's email, `integrator:<credential>`);
 * `by` is whom the body names. Without an actor (a use case called directly) `by` acted.
 */
const acting = { by: who.optional(), actor: who.optional() };

export const AcknowledgeCaseSchema = z.object(acting);

/**
 * Who a move of a case records: the actor, and whom an integrator says it acted for (a helpdesk
 * names its user) when that is someone else.
 */
export const actedBy = ({ by, actor }: { by?: string | undefined; actor?: string | undefined }) => ({
  by: actor ?? by,
  onBehalfOf: actor !== undefined && by !== undefined && by !== actor ? by : undefined,
});

/** The longest note a lead may leave on a case, or with resolving or reopening it. */
export const MAX_NOTE_LENGTH = 2000;

/**
 * A lead's note: trimmed, its line breaks as LF (a textarea sends CRLF, counted as one, as the page
 * does), at most {@link MAX_NOTE_LENGTH} characters. Not a customer's words, so a lone surrogate is
 * refused, naming the field, rather than repaired (lib/platform/text.ts).
 */
const noteText = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
  .transform((note) => note.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().max(MAX_NOTE_LENGTH, `must be at most ${MAX_NOTE_LENGTH} characters`));

export const AddCaseNoteSchema = z.object({
  note: noteText.pipe(z.string().min(1, 'must not be empty')),
  ...acting,
});

/** Reopening may say why; an empty note is none. */
export const ReopenCaseSchema = z.object({
  note: noteText.optional(),
  ...acting,
});

/**
 * Whom to assign a case to: one of the stage's leads, by email (any case), or `null` (or `""`) to
 * unassign it. Required, so that an empty body never unassigns by accident.
 */
export const AssignCaseSchema = z.object({
  assignee: z.union(
    [
      z.null(),
      z
        .string()
        .trim()
        .max(254, 'must be at most 254 characters')
        .transform((email) => (email === '' ? null : email)),
    ],
    { error: (issue) => (issue.input === undefined ? 'is required' : "must be a lead's email, or null") },
  ),
  ...acting,
});

export const ResolveCaseSchema = z.object({
  reason: z.enum(RESOLUTION_REASONS, {
    error: (issue) =>
      issue.input === undefined ? 'is required' : `must be one of ${RESOLUTION_REASONS.join(', ')}`,
  }),
  note: z.string().trim().max(2000, 'must be at most 2000 characters').default(''),
  ...acting,
  /** When the stage sends recovery surveys, `false` skips this one (the lead knows it would not be welcome). */
  recoverySurvey: z.boolean({ error: 'must be true or false' }).default(true),
});
export type Resolution = z.infer<typeof ResolveCaseSchema>;

export const ListCasesSchema = z.object({
  status: z.enum(CASE_STATUSES, { error: `must be one of ${CASE_STATUSES.join(', ')}` }).optional(),
  team: singleLine(128).min(1, 'must not be empty').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The `next` of the previous page. */
  after: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z#[\w-]{1,64}$/, 'must be the next of a previous page')
    .optional(),
});

export interface Case {
  /** The invitation's id: one case per answer. */
  caseId: string;
  interactionId: string;
  status: CaseStatus;
  survey: Response['survey'];
  score: number;
  severity: 'high' | 'medium' | 'low';
  comment: string;
  team: string;
  agent?: string | undefined;
  touchpoint: string;
  channel: string;
  customerId: string;
  customerName?: string | undefined;
  customerEmail?: string | undefined;
  customerPhone?: string | undefined;
  attributes?: Record<string, string> | undefined;
  /**
   * Where the analysis of the comment the case shows stood when the reactor last wrote the case, and
   * its labels (what the alert and the updates carry); absent without a comment. The case's page reads
   * the labels themselves, which a retried analysis may have settled since.
   */
  insight?: CommentLabels['status'] | undefined;
  sentiment?: CommentLabels['sentiment'];
  topics?: string[] | undefined;
  /**
   * When it opened, or last reopened: a reopened case is a new opening, its SLA and escalation counted
   * from here. Its place in the listing too.
   */
  openedAt: string;
  /** When it first opened, once it was reopened. */
  firstOpenedAt?: string | undefined;
  /** The lead it is assigned to (one of the stage's leads), who is not thereby on it: see `acknowledgedBy`. */
  assignee?: string | undefined;
  assignedAt?: string | undefined;
  /** Who assigned it: a lead's email, or `integrator:<credential>`. */
  assignedBy?: string | undefined;
  /** Whom the integrator that assigned it said it acted for (its `by`), unchecked. */
  assignedOnBehalfOf?: string | undefined;
  acknowledgedAt?: string | undefined;
  /** Who acknowledged it: a lead's email, or `integrator:<credential>`. */
  acknowledgedBy?: string | undefined;
  /** Whom the integrator that acknowledged it said it acted for (its `by`), unchecked. */
  acknowledgedOnBehalfOf?: string | undefined;
  resolvedAt?: string | undefined;
  /** Who resolved it: a lead's email, or `integrator:<credential>`. */
  resolvedBy?: string | undefined;
  /** Whom the integrator that resolved it said it acted for (its `by`), unchecked. */
  resolvedOnBehalfOf?: string | undefined;
  resolution?: { reason: Resolution['reason']; note: string } | undefined;
  /** When it escalated for being left unacknowledged past its SLA; it escalates once. */
  escalatedAt?: string | undefined;
  /** The invitation of the short survey sent on resolving, when the stage sends them. */
  recoveryInvitationId?: string | undefined;
  /** The `updatedAt` of the answer that opened the case: that version and older ones are no update. */
  openingAnswerAt?: string | undefined;
  /** The `updatedAt` of the answer the case shows; a change of the answer moves it on. */
  answerUpdatedAt?: string | undefined;
  /** How many times the customer changed their score or comment after the case opened. */
  answerChanges?: number | undefined;
  /**
   * Every change of the answer after the case opened, oldest first: what the updates carry and the
   * case page shows. Bounded by the changes an answer takes (MAX_ANSWER_CHANGES), and light: a change
   * keeps its comment only when it changed it.
   */
  answerLog?: AnswerChange[] | undefined;
  /**
   * The `at` of the last change the latest update carried (or carries, while it goes out): that
   * update's version in its ledger key, `update#<caseId>#<updateThrough>`.
   */
  updateThrough?: string | undefined;
  /** When the latest update went out: the next waits until UPDATE_WINDOW_MS after it (case-updates). */
  updateSentAt?: string | undefined;
  /**
   * When escalate-cases is to look at the case's updates: changes wait for their coalesced update
   * until then, or the latest update is checked once more. Absent when nothing waits.
   */
  updateDueAt?: string | undefined;
  /**
   * What happened to the case, oldest first, each with when and by whom: written in the same
   * conditional write as what it records. The newest entries only (lib/cases/timeline.ts: at most 100,
   * and 128 KB); absent on a case opened before cases kept one (`timelineOf` makes it from its fields).
   * Read by `GET /cases/{caseId}`; the listing's copies leave it out.
   */
  timeline?: TimelineEntry[] | undefined;
  /** How many older entries left the timeline to keep it within its bounds. */
  timelineDropped?: number | undefined;
  /** Counts the writes after opening; each write expects the version it read. */
  version?: number | undefined;
  /**
   * When an erasure scrubbed the customer from it: the case keeps its figures, segments and the
   * leads' moves, without the customer's id, name, contacts, words or the notes about them.
   */
  erasedAt?: string | undefined;
}

/** One change of a case's answer after it opened, as the case keeps it (see `Case.answerLog`). */
export interface AnswerChange {
  /** The changed answer's `updatedAt`. */
  at: string;
  score: number;
  scoreBefore: number;
  /** The comment after the change, only when the change made it different ('' when it was removed). */
  comment?: string | undefined;
  /** Whether there was a comment before, only when the change made it different. */
  hadComment?: boolean | undefined;
  /**
   * The version (`updateThrough`) of the update that carried it; absent while it waits for one, and
   * for a change on a resolved case, which no update carries.
   */
  sentIn?: string | undefined;
}

/** The change from one version of an answer to the next. */
export const changeBetween = (
  before: { score: number; comment: string },
  after: { score: number; comment: string; updatedAt: string },
): AnswerChange => ({
  at: after.updatedAt,
  score: after.score,
  scoreBefore: before.score,
  ...(before.comment === after.comment ? {} : { comment: after.comment, hadComment: before.comment !== '' }),
});

/** The case an unhappy answer opens. */
/**
 * The labels a case keeps of its comment: as learned (`insight`), none without a comment (`null`), or
 * as they were when the reactor learned nothing (`undefined`, a suspect answer's).
 */
export const caseInsightOf = (insight: CommentInsight | null | undefined): Partial<Case> =>
  insight === undefined
    ? {}
    : insight === null
      ? { insight: undefined, sentiment: undefined, topics: undefined }
      : { insight: insight.status, sentiment: insight.sentiment, topics: [...insight.topics] };

/** The labels of the comment a case shows, as the reactor last wrote them on it: what its alerts carry. */
export const insightOfCase = (kept: Case): AlertInsight | null =>
  kept.comment && kept.insight
    ? { status: kept.insight, sentiment: kept.sentiment, topics: kept.topics ?? [] }
    : null;

export const caseOf = (
  response: Response,
  openedAt: Date,
  thresholds?: UnhappyThresholds,
  insight?: CommentInsight | null,
): Case => ({
  caseId: response.invitationId,
  interactionId: response.interactionId,
  status: 'open',
  survey: response.survey,
  score: response.score,
  severity: severityOf(response.survey, response.score, thresholds),
  comment: response.comment,
  team: response.team,
  agent: response.agent,
  touchpoint: response.touchpoint,
  channel: response.channel,
  customerId: response.customerId,
  customerName: response.customerName,
  customerEmail: response.customerEmail,
  customerPhone: response.customerPhone,
  attributes: response.attributes,
  openedAt: openedAt.toISOString(),
  openingAnswerAt: response.updatedAt,
  answerUpdatedAt: response.updatedAt,
  ...caseInsightOf(insight),
  timeline: [{ kind: 'opened', at: openedAt.toISOString(), by: PULSE_ACTOR, score: response.score }],
});

/**
 * What a changed answer changes on its case: the score and comment the lead reads, and the change in
 * its log and its timeline, from the answer the case showed. The severity, which routed the alert and
 * sets the SLA, stays as opened, so the updates reach whoever got the alert.
 */
export const caseUpdateOf = (
  opened: Case,
  changed: Response,
  insight?: CommentInsight | null,
): Partial<Case> => {
  const change = changeBetween(opened, changed);
  return {
    score: changed.score,
    comment: changed.comment,
    answerUpdatedAt: changed.updatedAt,
    answerChanges: (opened.answerChanges ?? 0) + 1,
    answerLog: [...(opened.answerLog ?? []), change],
    ...withEntry(opened, answerChangedEntry(change)),
    ...caseInsightOf(insight),
  };
};

/** The SLA of a case's severity, in minutes. */
/**
 * What an erasure leaves of a case: its figures, segments, times and the leads' moves, without the
 * customer's id, name, contacts, comment, attributes, or the words written about them (the resolution's
 * note, the notes of the timeline, the comment of each change of the answer). What PERSONAL_DATA
 * (lib/platform/table-design.ts) lists for a case.
 */
export const erasedCaseFields = (kept: Case, at: Date): Partial<Case> => ({
  customerId: '',
  customerName: undefined,
  customerEmail: undefined,
  customerPhone: undefined,
  attributes: undefined,
  comment: '',
  ...(kept.resolution ? { resolution: { ...kept.resolution, note: '' } } : {}),
  ...(kept.answerLog ? { answerLog: kept.answerLog.map(({ comment: _comment, ...change }) => change) } : {}),
  ...(kept.timeline
    ? {
        timeline: kept.timeline.map((entry) =>
          'note' in entry && entry.note !== undefined ? { ...entry, note: '' } : entry,
        ),
      }
    : {}),
  // The changes waiting for an update go with their words: an erasure is no change to tell.
  updateDueAt: undefined,
  erasedAt: kept.erasedAt ?? at.toISOString(),
});

export const slaMinutesOf = (opened: Pick<Case, 'severity'>, sla: CaseSla): number =>
  opened.severity === 'high' ? sla.highMinutes : sla.mediumMinutes;

/** Open, never acknowledged, past its SLA, and not escalated yet. */
export const isOverdue = (opened: Case, sla: CaseSla, now: Date): boolean =>
  opened.status === 'open' &&
  opened.escalatedAt === undefined &&
  now.getTime() - new Date(opened.openedAt).getTime() >= slaMinutesOf(opened, sla) * 60_000;

/** The interaction id of a case's recovery survey: one per case, however often resolving is retried. */
export const recoveryInteractionIdOf = (caseId: string): string => `recovery-${caseId}`;

/** The statuses a case may move to from each status: a resolved one only back to open, by reopening. */
export const NEXT_STATUSES: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['acknowledged', 'resolved'],
  acknowledged: ['resolved'],
  resolved: ['open'],
};

/**
 * The ledger key of a case's escalation: one per opening, so that a reopened case, a new opening,
 * escalates again when left unacknowledged. The first opening's is the key cases always had.
 */
export const escalationKeyOf = (opened: Pick<Case, 'caseId' | 'openedAt' | 'firstOpenedAt'>): string =>
  opened.firstOpenedAt === undefined
    ? `escalation#${opened.caseId}`
    : `escalation#${opened.caseId}#${opened.openedAt}`;

/**
 * Where a lead reads a case: its page in the console (`/console/cases/{caseId}`, which sends a lead
 * without a session to sign in and back). The API's `GET /cases/{caseId}` answers the same case as JSON.
 */
export const caseUrlFor =
  (publicUrl: string) =>
  (caseId: string): string =>
    `${publicUrl.replace(/\/+$/, '')}/console/cases/${caseId}`;
