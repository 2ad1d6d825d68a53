import * as z from 'zod';
import type { Clock } from '../platform/clock.js';
import { parseOrThrow, ValidationError } from '../platform/errors.js';
import { type Survey, SurveySchema } from '../surveys/scales.js';
import { DIMENSIONS, type Segment } from '../surveys/segments.js';
import {
  addDays,
  type Day,
  dayOf,
  previousWindowOf,
  type Window,
  WindowSchema,
  windowDays,
} from '../surveys/window.js';
import { type Comparison, compareWithPrevious, histogramBetween } from './compare.js';
import { addCounts, type Counts } from './fold.js';
import { addHistograms, computeFigures, emptyHistogram, type Figures, type Histogram } from './formulas.js';
import { responseRateOf, sentBetween } from './funnel.js';
import type { AggregateStore } from './ports.js';

const segmentFilters = {
  team: z.string().min(1).max(128).optional(),
  agent: z.string().min(1).max(128).optional(),
  channel: z.string().min(1).max(128).optional(),
  touchpoint: z.string().min(1).max(128).optional(),
};

export const MetricsQuerySchema = z
  .object({
    survey: SurveySchema,
    window: WindowSchema.default('30d'),
    compare: z.enum(['previous']).optional(),
    ...segmentFilters,
  })
  .strict();

export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

/** A survey, a window and at most one segment, as `GET /metrics` takes them: the funnel's and topics' query. */
export const WindowQuerySchema = MetricsQuerySchema.omit({ compare: true });

export const TrendQuerySchema = z
  .object({
    survey: SurveySchema,
    days: z.coerce.number().int().min(1).max(366).default(90),
    bucket: z.enum(['day', 'week']).default('day'),
    ...segmentFilters,
  })
  .strict();

export type TrendQuery = z.infer<typeof TrendQuerySchema>;

/** The segment a query asks for: at most one dimension. */
export const segmentOfQuery = (query: Partial<Record<(typeof DIMENSIONS)[number], string>>): Segment => {
  const given = DIMENSIONS.filter((dimension) => query[dimension] !== undefined);
  if (given.length > 1) {
    throw new ValidationError(
      given.map((field) => ({ field, message: `filter by at most one of ${DIMENSIONS.join(', ')}` })),
    );
  }
  const dimension = given[0];
  return dimension ? { dimension, value: query[dimension] as string } : null;
};

export type MetricsAnswer = {
  survey: Survey;
  window: Window;
  from: Day;
  to: Day;
  segment: Segment;
} & Figures & {
    /** Invitations sent over the window (see `GET /metrics/funnel`). */
    sent: number;
    /** Answers per invitation sent over the window, in percent; null when nothing was sent. */
    responseRate: number | null;
  } & Partial<Comparison>;

/** What reading scores needs. */
export interface MetricsDeps {
  aggregates: AggregateStore;
  clock: Clock;
  /** Answers below which a score is flagged as low-sample. */
  minSample: number;
}

/**
 * A window's day buckets of one survey and segment, added up: its answers' histogram and its other
 * counts (funnel stages, comment labels). One query, whatever the number of answers.
 */
export const readWindowTotals = async (
  query: Parameters<typeof segmentOfQuery>[0] & { survey: Survey; window: Window },
  deps: MetricsDeps,
): Promise<{ segment: Segment; from: Day; to: Day; histogram: Histogram; counts: Counts }> => {
  const segment = segmentOfQuery(query);
  const { from, to } = windowDays(query.window, deps.clock.now());
  const days = await deps.aggregates.range(query.survey, segment, from, to);
  return {
    segment,
    from,
    to,
    histogram: days.reduce((sum, day) => addHistograms(sum, day.histogram), emptyHistogram(query.survey)),
    counts: days.reduce((sum: Counts, day) => addCounts(sum, day.counts), {}),
  };
};

/**
 * The rolling score of one survey over a trailing window of UTC days (today included), overall or for
 * one segment. Reads one bucket item per day, never the responses. With `compare: 'previous'` it also
 * answers the previous window of the same length and the change since (see `compareWithPrevious`),
 * from the same single read, which then starts at the previous window's first day.
 */
export const readMetrics = async (query: MetricsQuery, deps: MetricsDeps): Promise<MetricsAnswer> => {
  const segment = segmentOfQuery(query);
  const current = windowDays(query.window, deps.clock.now());
  const previous = previousWindowOf(current.from, current.to);
  const readFrom = query.compare === 'previous' ? previous.from : current.from;
  const days = await deps.aggregates.range(query.survey, segment, readFrom, current.to);
  const histogram = histogramBetween(query.survey, days, current);
  const figures = computeFigures(query.survey, histogram, deps.minSample);
  const sent = sentBetween(days, current);
  const answer: MetricsAnswer = Object.assign(
    { survey: figures.survey, window: query.window, ...current, segment },
    figures,
    { sent, responseRate: responseRateOf(figures.n, sent) },
  );
  if (query.compare !== 'previous') return answer;
  const before = histogramBetween(query.survey, days, previous);
  return Object.assign(
    answer,
    compareWithPrevious(query.survey, histogram, before, previous, deps.minSample),
  );
};

export type TrendPoint = { from: Day; to: Day } & Figures;

export interface TrendAnswer {
  survey: Survey;
  days: number;
  bucket: 'day' | 'week';
  from: Day;
  to: Day;
  segment: Segment;
  points: TrendPoint[];
}

/** Monday of the ISO week a UTC day falls in. */
const weekOf = (day: Day): Day => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/**
 * The score per day or per ISO week (Monday to Sunday, the first and last clipped to the range) over
 * the trailing `days` UTC days, today included, with n and the margin per point. One query over the
 * segment's day buckets, whatever the number of answers.
 */
export const readTrend = async (query: TrendQuery, deps: MetricsDeps): Promise<TrendAnswer> => {
  const segment = segmentOfQuery(query);
  const to = dayOf(deps.clock.now());
  const from = addDays(to, 1 - query.days);
  const stored = new Map<Day, number[]>();
  for (const { day, histogram } of await deps.aggregates.range(query.survey, segment, from, to)) {
    stored.set(day, addHistograms(stored.get(day) ?? emptyHistogram(query.survey), histogram));
  }
  const points: TrendPoint[] = [];
  let current: { from: Day; to: Day; key: Day; histogram: number[] } | undefined;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const key = query.bucket === 'day' ? day : weekOf(day);
    if (current?.key !== key) {
      if (current) points.push(pointOf(query.survey, current, deps.minSample));
      current = { from: day, to: day, key, histogram: emptyHistogram(query.survey) };
    }
    current.to = day;
    current.histogram = addHistograms(current.histogram, stored.get(day) ?? emptyHistogram(query.survey));
  }
  if (current) points.push(pointOf(query.survey, current, deps.minSample));
  return { survey: query.survey, days: query.days, bucket: query.bucket, from, to, segment, points };
};

const pointOf = (
  survey: Survey,
  bucket: { from: Day; to: Day; histogram: number[] },
  minSample: number,
): TrendPoint =>
  Object.assign({ from: bucket.from, to: bucket.to }, computeFigures(survey, bucket.histogram, minSample));

/** `GET /metrics`: the query as it came (a wrong parameter is a 400 naming it), then the score. */
export const answerMetricsQuery = (input: unknown, deps: MetricsDeps): Promise<MetricsAnswer> =>
  readMetrics(parseOrThrow(MetricsQuerySchema, input ?? {}), deps);

/** `GET /metrics/trend`: the query as it came, then one point per day or week. */
export const answerTrendQuery = (input: unknown, deps: MetricsDeps): Promise<TrendAnswer> =>
  readTrend(parseOrThrow(TrendQuerySchema, input ?? {}), deps);
