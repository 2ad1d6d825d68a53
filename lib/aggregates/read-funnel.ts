import { parseOrThrow } from '../platform/errors.js';
import type { Survey } from '../surveys/scales.js';
import type { Segment } from '../surveys/segments.js';
import type { Day, Window } from '../surveys/window.js';
import { type Funnel, funnelOf, responseRateOf } from './funnel.js';
import {
  type MetricsDeps,
  readWindowTotals,
  type segmentOfQuery,
  WindowQuerySchema,
} from './read-metrics.js';

export type FunnelAnswer = {
  survey: Survey;
  window: Window;
  from: Day;
  to: Day;
  segment: Segment;
} & Funnel & { answered: number; responseRate: number | null };

/**
 * How a survey's invitations fared over a window, overall or for one segment: received, sent,
 * reminded, cancelled, skipped and failed by reason code, answered, and the response rate, each stage
 * counted on the UTC day it happened (answered: the day of the first counted answer, the day its score
 * counts on). Read from the same day buckets as the score, one query whatever the number of invitations.
 */
export const readFunnel = async (
  query: Parameters<typeof segmentOfQuery>[0] & { survey: Survey; window: Window },
  deps: MetricsDeps,
): Promise<FunnelAnswer> => {
  const { segment, from, to, histogram, counts } = await readWindowTotals(query, deps);
  const answered = histogram.reduce((sum, count) => sum + count, 0);
  const funnel = funnelOf(counts);
  return {
    survey: query.survey,
    window: query.window,
    from,
    to,
    segment,
    ...funnel,
    answered,
    responseRate: responseRateOf(answered, funnel.sent),
  };
};

/** `GET /metrics/funnel`: the query as it came (a wrong parameter is a 400 naming it), then the stages. */
export const answerFunnelQuery = (input: unknown, deps: MetricsDeps): Promise<FunnelAnswer> =>
  readFunnel(parseOrThrow(WindowQuerySchema, input ?? {}), deps);
