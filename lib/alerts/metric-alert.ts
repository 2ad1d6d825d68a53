import * as z from 'zod';
import type { Figures } from '../aggregates/formulas.js';
import { type Survey, SurveySchema } from '../surveys/scales.js';
import { DIMENSIONS, type Dimension, type Segment } from '../surveys/segments.js';
import { WindowSchema } from '../surveys/window.js';

/** The range each survey's rolling score lives in: NPS −100..100, CSAT 0..100 %, CES a mean of 1..7. */
const SCORE_RANGES: Record<Survey, { min: number; max: number }> = {
  nps: { min: -100, max: 100 },
  csat: { min: 0, max: 100 },
  ces: { min: 1, max: 7 },
};

const segmentValue = z.string().trim().min(1).max(128).optional();

/**
 * One metric alert: when the rolling score of a survey over a window, overall or for one segment,
 * falls below `below` on at least `minSample` answers, one alert; then nothing until it is back at or
 * above `recoverAt` (default `below`), which sends a recovery notice; then it may fall again.
 */
export const MetricAlertRuleSchema = z
  .strictObject({
    survey: SurveySchema,
    window: WindowSchema.default('30d'),
    below: z.number(),
    /** At or above this the score has recovered; above `below` it keeps a score near the line from flapping. */
    recoverAt: z.number().optional(),
    /** Answers in the window the score needs before it may alert; default: the stage's `minSample`. */
    minSample: z.number().int().min(1).max(100_000).optional(),
    team: segmentValue,
    agent: segmentValue,
    channel: segmentValue,
    touchpoint: segmentValue,
  })
  .superRefine((rule, ctx) => {
    const range = SCORE_RANGES[rule.survey];
    for (const key of ['below', 'recoverAt'] as const) {
      const value = rule[key];
      if (value !== undefined && (value <= range.min || value > range.max)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `must be above ${range.min} and at most ${range.max} for ${rule.survey}`,
        });
      }
    }
    if (rule.recoverAt !== undefined && rule.recoverAt < rule.below) {
      ctx.addIssue({ code: 'custom', path: ['recoverAt'], message: 'must be at or above below' });
    }
    const dimensions = DIMENSIONS.filter((dimension) => rule[dimension] !== undefined);
    if (dimensions.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [dimensions[1] as string],
        message: `a rule watches at most one of ${DIMENSIONS.join(', ')}`,
      });
    }
  });
export type MetricAlertRule = z.infer<typeof MetricAlertRuleSchema>;

/** The rules of a stage; two rules on the same score and segment would alert twice. */
export const MetricAlertRulesSchema = z.array(MetricAlertRuleSchema).superRefine((rules, ctx) => {
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    const key = ruleKeyOf(rule);
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: [i], message: `watches the same score as rule ${first}` });
    }
    seen.set(key, i);
  });
});

/** The segment a rule watches. */
export const segmentOfRule = (rule: MetricAlertRule): Segment => {
  const dimension = DIMENSIONS.find((candidate) => rule[candidate] !== undefined);
  return dimension ? { dimension, value: rule[dimension] as string } : null;
};

/** How a rule is known in the table and in alerts: its survey, window and segment, with no `#` in it. */
export const ruleKeyOf = (rule: Pick<MetricAlertRule, 'survey' | 'window' | Dimension>): string => {
  const segment = segmentOfRule(rule as MetricAlertRule);
  const watched = segment ? `${segment.dimension}=${encodeURIComponent(segment.value)}` : 'all';
  return `${rule.survey}/${rule.window}/${watched}`;
};

/** Where a rule's score stands: `below` from the alert until the recovery. */
export interface MetricAlertState {
  status: 'ok' | 'below';
  /** Counts the falls; each fall and its recovery are notified once, under its number. */
  episode: number;
  /** The figures at the last change of status, which its notice reports. */
  score: number;
  n: number;
  changedAt: string;
  /** When the score last fell below, which a recovery notice reports. */
  fellAt?: string | undefined;
  /** The notice last published (`<episode>#fell` or `<episode>#recovered`); behind the status after a crash. */
  notified?: string | undefined;
  /** Optimistic lock: each write expects the version it read. */
  version: number;
}

/** The notice a state owes its subscribers, or none (a rule that never fell). */
export const noticeOf = (state: MetricAlertState): string | undefined =>
  state.episode === 0 ? undefined : `${state.episode}#${state.status === 'below' ? 'fell' : 'recovered'}`;

/**
 * The next state of a rule given its score now, or null when nothing changes. A score on fewer answers
 * than the minimum decides nothing: it neither alerts nor recovers.
 */
export const nextMetricState = (
  rule: MetricAlertRule,
  figures: Pick<Figures, 'n' | 'score'>,
  minSample: number,
  current: MetricAlertState | null,
  now: Date,
): MetricAlertState | null => {
  if (figures.score === null || figures.n < (rule.minSample ?? minSample)) return null;
  const status = current?.status ?? 'ok';
  const episode = current?.episode ?? 0;
  const changed = { score: figures.score, n: figures.n, changedAt: now.toISOString() };
  const version = (current?.version ?? 0) + 1;
  if (status === 'ok' && figures.score < rule.below) {
    return {
      ...current,
      ...changed,
      status: 'below',
      episode: episode + 1,
      fellAt: changed.changedAt,
      version,
    };
  }
  if (status === 'below' && figures.score >= (rule.recoverAt ?? rule.below)) {
    return { ...current, ...changed, status: 'ok', episode, version };
  }
  return null;
};

/** Where a metric rule's score is followed day by day (`GET /metrics/trend`, with a lead's or the integrator's token). */
export const trendUrlFor =
  (publicUrl: string) =>
  (rule: MetricAlertRule): string => {
    const segment = segmentOfRule(rule);
    const query = new URLSearchParams({
      survey: rule.survey,
      ...(segment ? { [segment.dimension]: segment.value } : {}),
    });
    return `${publicUrl.replace(/\/+$/, '')}/metrics/trend?${query}`;
  };
