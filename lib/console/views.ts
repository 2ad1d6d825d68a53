import type { MetricsAnswer, TrendAnswer } from '../aggregates/read-metrics.js';
import type { Case } from '../cases/case.js';
import type { CaseView } from '../cases/cases.js';
import type { Survey } from '../surveys/scales.js';
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
  cases: Case[];
  /** The cases open past their SLA, by id. */
  overdueIds: readonly string[];
  /** The cursor of the next, older page, when there may be one. */
  next?: string | undefined;
}
