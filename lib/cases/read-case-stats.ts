import * as z from 'zod';
import { computeFigures, emptyHistogram, type Figures, roundRatio } from '../aggregates/formulas.js';
import type { Clock } from '../platform/clock.js';
import { parseOrThrow } from '../platform/errors.js';
import { singleLine } from '../platform/text.js';
import { SCALES } from '../surveys/scales.js';
import { type Day, type Window, WindowSchema, windowDays } from '../surveys/window.js';
import { type CaseSla, RESOLUTION_REASONS, type RecoverySurvey, RecoverySurveySchema } from './case.js';
import {
  addUpDays,
  type DurationFigures,
  durationFiguresOf,
  reasonCount,
  recoveryCount,
} from './case-stats.js';
import type { CaseStats } from './ports.js';

/** The longest range `from`/`to` may ask for, both days included: a year and a margin, 400 small items. */
export const MAX_RANGE_DAYS = 400;

const date = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

/** Whole UTC days from `from` to `to`, both included. */
const daysFromTo = (from: Day, to: Day): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * `GET /cases/stats`: a trailing `window` (default 30d) or a range `from`/`to` of UTC days, both
 * included, at most {@link MAX_RANGE_DAYS} days; one `team` or every team. Any other parameter is a
 * 400 naming it.
 */
export const CaseStatsQuerySchema = z
  .strictObject({
    window: z
      .enum(WindowSchema.options, { error: `must be one of ${WindowSchema.options.join(', ')}` })
      .optional(),
    from: date.optional(),
    to: date.optional(),
    team: singleLine(128).min(1, 'must not be empty').optional(),
  })
  .superRefine((query, ctx) => {
    const problem = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message });
    if (query.window !== undefined && (query.from !== undefined || query.to !== undefined)) {
      problem('window', 'give a window, or from and to, not both');
    }
    if (query.from !== undefined && query.to === undefined) problem('to', 'is required with from');
    if (query.to !== undefined && query.from === undefined) problem('from', 'is required with to');
    // Compared only once both are dates: a wrong one is named by its own message.
    if (!date.safeParse(query.from).success || !date.safeParse(query.to).success) return;
    if (query.from === undefined || query.to === undefined) return;
    if (query.from > query.to) problem('from', 'must be on or before to');
    else if (daysFromTo(query.from, query.to) > MAX_RANGE_DAYS) {
      problem('from', `must be at most ${MAX_RANGE_DAYS} days before to, both days included`);
    }
  });
export type CaseStatsQuery = z.infer<typeof CaseStatsQuerySchema>;

/** What reading the closed loop's figures needs. */
export interface CaseStatsDeps {
  caseStats: CaseStats;
  clock: Clock;
  /** The stage's SLA, which the share acknowledged in time is judged against. */
  sla: CaseSla;
  /** The stage's recovery survey, for its survey and touchpoint (the defaults when it sends none). */
  recoverySurvey: RecoverySurvey | null;
  /** Answers below which the recovery score is flagged as low-sample. */
  minSample: number;
}

/** The UTC day each figure is counted on, as the answer says it. */
export const COUNTED_ON = {
  opened: 'the UTC day the case opened',
  reopened: 'the UTC day it was reopened',
  acknowledged: 'the UTC day it was acknowledged',
  timeToAcknowledge: 'the UTC day it was acknowledged',
  acknowledgedWithinSla: 'the UTC day it was acknowledged',
  resolved: 'the UTC day it was resolved',
  timeToResolve: 'the UTC day it was resolved',
  resolutions: 'the UTC day it was resolved',
  escalated: 'the UTC day it escalated',
  recovery: "the UTC day of the recovery survey's first answer",
  winBack: 'the UTC day the case opened',
} as const;

export interface CaseStatsAnswer {
  /** The trailing window asked for, or null for a range `from`/`to`. */
  window: Window | null;
  from: Day;
  to: Day;
  /** The team asked for, or null for every team. */
  team: string | null;
  /** Openings, a reopened case counted again as a new opening. */
  opened: number;
  /** Of the openings, reopenings of resolved cases. */
  reopened: number;
  acknowledged: number;
  resolved: number;
  escalated: number;
  /** From opening to acknowledgement, over the acknowledgements. */
  timeToAcknowledge: DurationFigures;
  /** From opening to resolution, over the resolutions (acknowledged first or not). */
  timeToResolve: DurationFigures;
  /**
   * The acknowledgements that came within their case's SLA (before it would escalate), and their share
   * of every acknowledgement, one decimal (null without any); with the SLA they were judged against.
   */
  acknowledgedWithinSla: { n: number; percent: number | null; sla: CaseSla };
  /** Resolutions by reason code, every reason listed. */
  resolutions: Record<(typeof RESOLUTION_REASONS)[number], number>;
  /** The recovery survey's score over its answers (CSAT by default), as `GET /metrics` reports a survey. */
  recovery: { touchpoint: string } & Figures;
  /**
   * Of the cases whose customer answered again (their next counted answer, the recovery survey's
   * aside), those whose answer was out of the unhappy range; `rate` is their share, one decimal.
   */
  winBack: { answeredAgain: number; wonBack: number; rate: number | null };
  countedOn: typeof COUNTED_ON;
}

/** A share in percent, one decimal, rounded half away from zero; null over nothing. */
const percentOf = (part: number, whole: number): number | null =>
  whole === 0 ? null : roundRatio(part * 100, whole, 1);

/**
 * The closed loop's figures over a window or range of UTC days, for one team or every team: one query
 * of that scope's day items (at most one item a day), whatever the number of cases or answers.
 * Medians and 90th percentiles are exact, by nearest rank (see `nearestRank`), over the durations kept
 * whole in those items.
 */
export const readCaseStats = async (query: CaseStatsQuery, deps: CaseStatsDeps): Promise<CaseStatsAnswer> => {
  const window = query.from === undefined ? (query.window ?? '30d') : null;
  const { from, to } =
    window === null ? { from: query.from as Day, to: query.to as Day } : windowDays(window, deps.clock.now());
  const team = query.team ?? null;
  const { counts, durations } = addUpDays(await deps.caseStats.range(team, from, to));
  const count = (name: string) => counts[name] ?? 0;

  const highLimit = deps.sla.highMinutes * 60;
  const mediumLimit = deps.sla.mediumMinutes * 60;
  const withinSla =
    durations.acknowledgeSecondsHigh.filter((seconds) => seconds < highLimit).length +
    durations.acknowledgeSecondsMedium.filter((seconds) => seconds < mediumLimit).length;
  const acknowledgeSeconds = [...durations.acknowledgeSecondsHigh, ...durations.acknowledgeSecondsMedium];

  const recoverySurvey = deps.recoverySurvey ?? RecoverySurveySchema.parse({});
  const { min } = SCALES[recoverySurvey.survey];
  const histogram = emptyHistogram(recoverySurvey.survey).map((_, i) =>
    Math.max(0, count(recoveryCount(recoverySurvey.survey, min + i))),
  );

  return {
    window,
    from,
    to,
    team,
    opened: count('opened'),
    reopened: count('reopened'),
    acknowledged: count('acknowledged'),
    resolved: count('resolved'),
    escalated: count('escalated'),
    timeToAcknowledge: durationFiguresOf(acknowledgeSeconds),
    timeToResolve: durationFiguresOf(durations.resolveSeconds),
    acknowledgedWithinSla: {
      n: withinSla,
      percent: percentOf(withinSla, acknowledgeSeconds.length),
      sla: deps.sla,
    },
    resolutions: Object.fromEntries(
      RESOLUTION_REASONS.map((reason) => [reason, count(reasonCount(reason))]),
    ) as CaseStatsAnswer['resolutions'],
    recovery: Object.assign(
      { touchpoint: recoverySurvey.touchpoint },
      computeFigures(recoverySurvey.survey, histogram, deps.minSample),
    ),
    winBack: {
      answeredAgain: count('answeredAgain'),
      wonBack: count('wonBack'),
      rate: percentOf(count('wonBack'), count('answeredAgain')),
    },
    countedOn: COUNTED_ON,
  };
};

/** `GET /cases/stats`: the query as it came (a wrong parameter is a 400 naming it), then the figures. */
export const answerCaseStatsQuery = async (input: unknown, deps: CaseStatsDeps): Promise<CaseStatsAnswer> =>
  readCaseStats(parseOrThrow(CaseStatsQuerySchema, input ?? {}), deps);
