import type { BreakdownAnswer } from '../aggregates/read-breakdown.js';
import type { MetricsAnswer, TrendAnswer } from '../aggregates/read-metrics.js';
import type { TopicsAnswer } from '../aggregates/read-topics.js';
import type { MetricAlertRule, MetricAlertState } from '../alerts/metric-alert.js';
import type { Case } from '../cases/case.js';
import type { CaseView } from '../cases/cases.js';
import type { FeedbackEntry } from '../feedback/entry.js';
import type { Category, Survey } from '../surveys/scales.js';
import type { Dimension, Segment } from '../surveys/segments.js';
import type { Sentiment } from '../surveys/sentiments.js';
import type { Window } from '../surveys/window.js';

/*
 * What each page of the leads' console shows, as plain data: the console's routes build these from
 * the use cases, and `pages/` renders them, so a page is a pure function of its view.
 */

/** The languages of the console: the lead's browser's, or the one they switched to. */
export const CONSOLE_LANGS = ['en', 'zh-CN'] as const;
export type ConsoleLang = (typeof CONSOLE_LANGS)[number];

/** What every page of a signed-in lead knows. */
export interface PageContext {
  lang: ConsoleLang;
  /** The signed-in lead. */
  lead: { email: string; teams?: readonly string[] | undefined };
  /** The lead's IANA time zone, that times are shown in. */
  timeZone: string;
  /** The token every state-changing form of this session carries. */
  csrf: string;
  /** The path and query of this page, for the language switch and sign-out's return. */
  path: string;
}

/** The overview: a tile per survey over the window, its trend, and the cases waiting. */
export interface OverviewView {
  window: Window;
  /** Whose scores: everyone's (null), or one team's, agent's, channel's or touchpoint's. */
  segment: Segment;
  /** The teams of a lead kept to some, each of whose overviews the page links to. */
  teams?: readonly string[] | undefined;
  tiles: {
    survey: Survey;
    /** `GET /metrics?compare=previous` for the survey and window. */
    metrics: MetricsAnswer;
    /** The score per day (7d, 30d) or per week (90d) over the window. */
    trend: TrendAnswer;
  }[];
  cases: {
    /** Open and acknowledged cases, newest first, at most a page. */
    waiting: Case[];
    /** The cases of `waiting` open past their SLA (escalated or not yet), by id. */
    overdueIds: readonly string[];
    /** True when there are more waiting cases than the page holds. */
    more: boolean;
  };
}

/** One case, as a lead works it, with what its forms may do. */
export interface CasePageView {
  case: CaseView;
  /** The leads the case may be assigned to: of every team, or of the case's. */
  assignees: readonly string[];
  /** Whether this lead may see the customer's contacts (a lead of the case's team, or of every team). */
  showContacts: boolean;
  /** The resolution reasons the Resolve form offers. */
  reasons: readonly string[];
  /** Each topic of the stage's taxonomy by id, in the lead's language; an id it lacks shows as it is. */
  topicNames?: Readonly<Record<string, string>> | undefined;
  /** A message after an action (acknowledged, resolved) or a refusal (someone else moved it). */
  notice?: { kind: 'done' | 'refused'; text: string } | undefined;
}

/** The local sign-in page (on one machine): an email field, and why the last try failed. */
export interface SignInView {
  lang: ConsoleLang;
  /** Where to go once signed in: a console path. */
  returnTo: string;
  /** The address that was refused (not one of the stage's leads). */
  refused?: string | undefined;
}

/** The cases of one status, newest first, a page at a time. */
export interface CasesView {
  status: Case['status'];
  /** Only the cases assigned to the lead, of each page. */
  mine?: boolean | undefined;
  cases: Case[];
  /** The cases open past their SLA, by id. */
  overdueIds: readonly string[];
  /** The cursor of the next, older page, when there may be one. */
  next?: string | undefined;
}

/** How a breakdown table is ordered: by a column, high to low or low to high. */
export const BREAKDOWN_SORTS = ['n', 'score', 'change', 'value'] as const;
export type BreakdownSort = (typeof BREAKDOWN_SORTS)[number];

/** One survey's breakdown by one dimension over a window, each row with its change, sorted. */
export interface SegmentsView {
  breakdown: BreakdownAnswer;
  /** The dimensions the lead may break the scores down by (a lead kept to some teams: `team`). */
  dimensions: readonly Dimension[];
  sort: BreakdownSort;
  order: 'asc' | 'desc';
}

/** What the feedback list is filtered by, as its form and links carry it. */
export interface FeedbackFilter {
  survey?: Survey | undefined;
  window: Window;
  team?: string | undefined;
  agent?: string | undefined;
  channel?: string | undefined;
  touchpoint?: string | undefined;
  category?: Category | undefined;
  sentiment?: Sentiment | undefined;
  topic?: string | undefined;
  /** Only answers with a comment (the default), or every answer. */
  withComment: boolean;
}

/** A page of answers, newest first, with the filter that chose them. */
export interface FeedbackView {
  filter: FeedbackFilter;
  answers: FeedbackEntry[];
  /** The cursor of the next, older page, when there is one. */
  next?: string | undefined;
  /** Whether this is a later page (the first page is a link away). */
  paged: boolean;
  /** The teams a lead kept to some may pick from; undefined: any team, typed. */
  teams?: readonly string[] | undefined;
  /** The stage's topics, by id, named in the lead's language. */
  topicNames: Readonly<Record<string, string>>;
  /** How many answers the CSV download holds at most. */
  csvLimit: number;
}

/** The topics of one survey's comments over a window: ranked by mentions and by impact, with examples. */
export interface TopicsView {
  topics: TopicsAnswer;
  topicNames: Readonly<Record<string, string>>;
  /** A few recent comments that mention each topic, by topic id. */
  examples: Readonly<Record<string, FeedbackEntry[]>>;
}

/** The stage's metric rules, each with where it stands and the trend it watches. */
export interface RulesView {
  /** The stage's minimum of answers, for rules that set none. */
  minSample: number;
  rules: {
    rule: MetricAlertRule;
    /** Where the rule stands; null before its first evaluation with enough answers. */
    state: MetricAlertState | null;
    /** The watched score now, over the rule's window and segment. */
    now: MetricsAnswer;
    /** The watched score per day (7d, 30d) or week (90d) over the rule's window. */
    trend: TrendAnswer;
  }[];
}
