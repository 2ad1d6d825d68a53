import { z } from 'zod';
import { ValidationError } from '../domain/errors.js';
import { addHistograms, computeFigures, emptyHistogram, type Figures } from '../domain/metrics.js';
import { DIMENSIONS, type Segment } from '../domain/segment.js';
import { type Survey, SurveySchema } from '../domain/survey.js';
import { type Day, type Window, WindowSchema, windowDays } from '../domain/window.js';
import type { AggregateStore, Clock } from './ports.js';

export const MetricsQuerySchema = z
  .object({
    survey: SurveySchema,
    window: WindowSchema.default('30d'),
    team: z.string().min(1).max(128).optional(),
    agent: z.string().min(1).max(128).optional(),
    channel: z.string().min(1).max(128).optional(),
    touchpoint: z.string().min(1).max(128).optional(),
  })
  .strict();

export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

/** The segment a query asks for: at most one dimension. */
export const segmentOfQuery = (query: MetricsQuery): Segment => {
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
} & Figures;

/**
 * The rolling score of one survey over a trailing window of UTC days (today included), overall or for
 * one segment. Reads one bucket item per day, never the responses.
 */
export const readMetrics = async (
  query: MetricsQuery,
  deps: { aggregates: AggregateStore; clock: Clock; minSample: number },
): Promise<MetricsAnswer> => {
  const segment = segmentOfQuery(query);
  const { from, to } = windowDays(query.window, deps.clock.now());
  const days = await deps.aggregates.range(query.survey, segment, from, to);
  const histogram = days.reduce(
    (sum, { histogram }) => addHistograms(sum, histogram),
    emptyHistogram(query.survey),
  );
  const figures = computeFigures(query.survey, histogram, deps.minSample);
  return Object.assign({ survey: figures.survey, window: query.window, from, to, segment }, figures);
};
