import * as z from 'zod';
import { parseOrThrow } from '../platform/errors.js';
import { type Survey, SurveySchema } from '../surveys/scales.js';
import { type Dimension, DimensionSchema } from '../surveys/segments.js';
import { type Day, previousWindowOf, type Window, WindowSchema, windowDays } from '../surveys/window.js';
import { type Comparison, compareWithPrevious, histogramBetween } from './compare.js';
import { computeFigures, type Figures } from './formulas.js';
import { responseRateOf, sentBetween } from './funnel.js';
import type { MetricsDeps } from './read-metrics.js';

export const BreakdownQuerySchema = z
  .object({
    survey: SurveySchema,
    window: WindowSchema.default('30d'),
    by: DimensionSchema,
    compare: z.enum(['previous']).optional(),
  })
  .strict();

export type BreakdownQuery = z.infer<typeof BreakdownQuerySchema>;

/** One value's row: the survey's figures without the survey, its sends and response rate, the comparison if asked. */
export type BreakdownRow = { value: string } & Omit<Figures, 'survey'> & {
    sent: number;
    responseRate: number | null;
  } & Partial<Comparison>;

export interface BreakdownAnswer {
  survey: Survey;
  window: Window;
  from: Day;
  to: Day;
  by: Dimension;
  segments: BreakdownRow[];
}

/** Segment partitions read at once: a breakdown of 200 agents is 25 rounds, not 200. */
const READS_AT_ONCE = 8;

/**
 * Every value of one dimension with at least one counted answer in the window, side by side: per value
 * the figures `GET /metrics` gives for that segment, its invitations sent and response rate, and with
 * `compare: 'previous'` the previous window and the change. The values come from the survey's registry
 * of the dimension (noted by the fold), and each value's days are one query, so the read costs
 * O(values × days) items whatever the number of answers. Rows come busiest first (most answers), then
 * by value. `within`, when given, keeps the rows to those values (a lead's teams), reading no other.
 */
export const readBreakdown = async (
  query: BreakdownQuery,
  deps: MetricsDeps,
  within?: readonly string[],
): Promise<BreakdownAnswer> => {
  const current = windowDays(query.window, deps.clock.now());
  const previous = previousWindowOf(current.from, current.to);
  const readFrom = query.compare === 'previous' ? previous.from : current.from;
  const values = (await deps.aggregates.values(query.survey, query.by)).filter(
    (value) => within === undefined || within.includes(value),
  );
  const rows: BreakdownRow[] = [];
  for (let start = 0; start < values.length; start += READS_AT_ONCE) {
    const chunk = values.slice(start, start + READS_AT_ONCE);
    const read = await Promise.all(
      chunk.map(async (value) => {
        const days = await deps.aggregates.range(
          query.survey,
          { dimension: query.by, value },
          readFrom,
          current.to,
        );
        const histogram = histogramBetween(query.survey, days, current);
        const { survey: _survey, ...figures } = computeFigures(query.survey, histogram, deps.minSample);
        if (figures.n === 0) return null;
        const sent = sentBetween(days, current);
        const row: BreakdownRow = { value, ...figures, sent, responseRate: responseRateOf(figures.n, sent) };
        if (query.compare !== 'previous') return row;
        const before = histogramBetween(query.survey, days, previous);
        return Object.assign(
          row,
          compareWithPrevious(query.survey, histogram, before, previous, deps.minSample),
        );
      }),
    );
    for (const row of read) if (row) rows.push(row);
  }
  rows.sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { survey: query.survey, window: query.window, ...current, by: query.by, segments: rows };
};

/**
 * `GET /metrics/breakdown`: the query as it came (a wrong parameter is a 400 naming it), then the rows
 * of the values `valuesOf` lets the caller see of its dimension (every value when it says undefined;
 * it may refuse the dimension by throwing).
 */
export const answerBreakdownQuery = (
  input: unknown,
  deps: MetricsDeps,
  valuesOf: (by: Dimension) => readonly string[] | undefined = () => undefined,
): Promise<BreakdownAnswer> => {
  const query = parseOrThrow(BreakdownQuerySchema, input ?? {});
  return readBreakdown(query, deps, valuesOf(query.by));
};
