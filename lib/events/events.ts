import type { CaseImage, CaseTransition } from '../cases/case-stream-records.js';
import type { Response, ResponseTransition } from '../invitations/response.js';
import { type Category, categorize, type Survey } from '../surveys/scales.js';
import type { Sentiment } from '../surveys/sentiments.js';

/*
 * The events Pulse publishes on the stage's bus, for other systems (a CRM, a warehouse) to follow:
 * each counted answer, each change of one, each opening and each resolution of a case. They carry the
 * interaction, the customer's id (so that a CRM finds its record), the answer's figures and segments
 * and the times; never the customer's name, email or phone, nor free-text attributes, nor a lead's
 * note, and the comment only when the stage opts in (`events.includeComment`).
 */

/** The `Source` of every event Pulse puts on the bus. */
export const EVENT_SOURCE = 'pulse';

export const DETAIL_TYPES = ['SurveyAnswered', 'SurveyAnswerChanged', 'CaseOpened', 'CaseResolved'] as const;
export type DetailType = (typeof DETAIL_TYPES)[number];

/** What the stage sends beyond the figures (its `events` setting, lib/settings/people.ts). */
export interface EventsOut {
  /** Whether events carry the customer's comment. */
  includeComment: boolean;
}

/** The segments an answer is counted under. */
export interface EventSegments {
  team: string;
  channel: string;
  touchpoint: string;
  /** Absent when the interaction named no agent. */
  agent?: string;
}

/** What every event's detail starts with. */
interface EventBase {
  /**
   * The event's own id, the same however often it is published: `<kind>#<invitationId>[#<version>]`.
   * The bus does not deduplicate; a consumer that may see an event twice (its rule's retries) does, by it.
   */
  eventId: string;
  interactionId: string;
  /** The customer's id as the integrator sent it, for a CRM to find its record. */
  customerId: string;
  survey: Survey;
  score: number;
  category: Category;
  segments: EventSegments;
  /** The customer's comment, only when the stage opts in (`events.includeComment`); '' when none. */
  comment?: string;
}

/** An answer that counts now: a first answer, or one held as suspect and released. */
export interface SurveyAnsweredDetail extends EventBase {
  invitationId: string;
  /** When the customer first answered. */
  answeredAt: string;
  /** When the answer took the form that counted (its release, for one held as suspect). */
  updatedAt: string;
  /**
   * The answer's case, when it has one. Every key is there, null when unknown, so that a rule's input
   * transformer (the analytics export's) always finds it.
   */
  caseId: string | null;
  /** The UTC day of the first answer, the day it counts on (the analytics export's partition). */
  day: string;
  /** The customer's language, as the interaction named it. */
  locale: string | null;
  /** The comment's sentiment and topics, when its analysis had settled as the event went out. */
  sentiment: Sentiment | null;
  topics: string[];
}

/** A counted answer whose score or comment changed. */
export interface SurveyAnswerChangedDetail extends SurveyAnsweredDetail {
  /** The answer as it counted before. */
  before: { score: number; category: Category; updatedAt: string };
  commentChanged: boolean;
}

/** A case opened, or reopened (a new opening). */
export interface CaseOpenedDetail extends EventBase {
  caseId: string;
  severity: CaseImage['severity'];
  openedAt: string;
  /** When it first opened, on a reopening. */
  firstOpenedAt?: string;
  reopened: boolean;
}

/** A case resolved. */
export interface CaseResolvedDetail extends EventBase {
  caseId: string;
  severity: CaseImage['severity'];
  /** The opening it resolves. */
  openedAt: string;
  resolvedAt: string;
  /** The reason code; the lead's note never goes. */
  reason?: NonNullable<CaseImage['resolution']>['reason'];
}

export type EventDetail =
  | SurveyAnsweredDetail
  | SurveyAnswerChangedDetail
  | CaseOpenedDetail
  | CaseResolvedDetail;

/** One event as it goes on the bus. */
export interface OutgoingEvent {
  detailType: DetailType;
  /** When what it tells happened: the entry's `Time`. */
  time: string;
  detail: EventDetail;
}

type Answered = Pick<
  Response,
  | 'survey'
  | 'score'
  | 'comment'
  | 'team'
  | 'channel'
  | 'touchpoint'
  | 'agent'
  | 'interactionId'
  | 'customerId'
>;

/** The fields every event carries, from an answer or a case; the comment only with the stage's opt-in. */
const baseOf = (eventId: string, of: Answered, out: EventsOut): EventBase => ({
  eventId,
  interactionId: of.interactionId,
  customerId: of.customerId,
  survey: of.survey,
  score: of.score,
  category: categorize(of.survey, of.score),
  segments: {
    team: of.team,
    channel: of.channel,
    touchpoint: of.touchpoint,
    ...(of.agent ? { agent: of.agent } : {}),
  },
  ...(out.includeComment ? { comment: of.comment } : {}),
});

/** An answer that counts in the metrics, as the fold counts it (lib/aggregates): present, not suspect. */
const isCounted = (response: Response | null): response is Response => response !== null && !response.suspect;

/**
 * The events one change of an answer makes: `SurveyAnswered` when the answer first counts (a new
 * answer, or a suspect one released), `SurveyAnswerChanged` when a counted answer's score or comment
 * changed. A suspect answer, or a change held beside a counted one, counts nowhere and makes none;
 * neither does a deletion. `caseId` is the answer's case, when the reactor found one.
 */
export const answerEventsOf = (
  { before, after }: ResponseTransition,
  out: EventsOut,
  caseId?: string,
  labels: { sentiment?: Sentiment; topics?: string[] } = {},
): OutgoingEvent[] => {
  if (!isCounted(after)) return [];
  const answered = (eventId: string): SurveyAnsweredDetail => ({
    ...baseOf(eventId, after, out),
    invitationId: after.invitationId,
    answeredAt: after.answeredAt,
    updatedAt: after.updatedAt,
    caseId: caseId ?? null,
    day: after.day,
    locale: after.locale ?? null,
    sentiment: labels.sentiment ?? null,
    topics: labels.topics ?? [],
  });
  if (!isCounted(before)) {
    return [
      {
        detailType: 'SurveyAnswered',
        time: after.updatedAt,
        detail: answered(`answered#${after.invitationId}`),
      },
    ];
  }
  if (before.score === after.score && before.comment === after.comment) return [];
  const changed: SurveyAnswerChangedDetail = {
    ...answered(`changed#${after.invitationId}#${after.updatedAt}`),
    before: {
      score: before.score,
      category: categorize(before.survey, before.score),
      updatedAt: before.updatedAt,
    },
    commentChanged: before.comment !== after.comment,
  };
  return [{ detailType: 'SurveyAnswerChanged', time: after.updatedAt, detail: changed }];
};

/**
 * The events one change of a case makes: `CaseOpened` on each opening (a reopening is a new one, at
 * its new `openedAt`), `CaseResolved` on each resolution. Any other move (acknowledged, assigned, a
 * note, a change of the answer, an escalation) makes none, nor does a deletion.
 */
export const caseEventsOf = ({ before, after }: CaseTransition, out: EventsOut): OutgoingEvent[] => {
  if (after === null) return [];
  const base = (eventId: string) => ({
    ...baseOf(eventId, after, out),
    caseId: after.caseId,
    severity: after.severity,
    openedAt: after.openedAt,
  });
  const events: OutgoingEvent[] = [];
  if (after.openedAt !== before?.openedAt) {
    const opened: CaseOpenedDetail = {
      ...base(`case-opened#${after.caseId}#${after.openedAt}`),
      ...(after.firstOpenedAt ? { firstOpenedAt: after.firstOpenedAt } : {}),
      reopened: after.firstOpenedAt !== undefined,
    };
    events.push({ detailType: 'CaseOpened', time: after.openedAt, detail: opened });
  }
  if (after.status === 'resolved' && after.resolvedAt && after.resolvedAt !== before?.resolvedAt) {
    const resolved: CaseResolvedDetail = {
      ...base(`case-resolved#${after.caseId}#${after.resolvedAt}`),
      resolvedAt: after.resolvedAt,
      ...(after.resolution ? { reason: after.resolution.reason } : {}),
    };
    events.push({ detailType: 'CaseResolved', time: after.resolvedAt, detail: resolved });
  }
  return events;
};
