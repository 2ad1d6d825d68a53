import * as z from 'zod';
import { type Survey, SurveySchema } from '../surveys/scales.js';
import { DIMENSIONS, type Dimension, type Segment } from '../surveys/segments.js';
import { WindowSchema } from '../surveys/window.js';
import { defineSetting } from './setting.js';

/*
 * The stage's metric alert rules: which rolling score or response rate each watches, and its line.
 */

/** The range each survey's rolling score lives in: NPS −100..100, CSAT 0..100 %, CES a mean of 1..7. */
const SCORE_RANGES: Record<Survey, { min: number; max: number }> = {
  nps: { min: -100, max: 100 },
  csat: { min: 0, max: 100 },
  ces: { min: 1, max: 7 },
};

/** A response rate's line, in percent: it may pass 100 (answers to earlier sends), but a line there means nothing. */
const RESPONSE_RATE_RANGE = { min: 0, max: 100 };

const segmentValue = z.string().trim().min(1).max(128).optional();

/**
 * What a metric rule watches: the rolling `score` (the default), or the `responseRate`, answers per
 * invitation sent over the window in percent, whose collapse usually means a deliverability problem
 * (mail landing in spam, a sender number blocked).
 */
export const WatchedMetricSchema = z.enum(['score', 'responseRate']);
export type WatchedMetric = z.infer<typeof WatchedMetricSchema>;

/**
 * One metric alert: when the rolling score of a survey over a window (or its response rate), overall
 * or for one segment, falls below `below` on at least `minSample` answers (invitations sent, for the
 * response rate), one alert; then nothing until it is back at or above `recoverAt` (default `below`),
 * which sends a recovery notice; then it may fall again.
 */
export const MetricAlertRuleSchema = z
  .strictObject({
    survey: SurveySchema,
    metric: WatchedMetricSchema.default('score'),
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
    const range = rule.metric === 'responseRate' ? RESPONSE_RATE_RANGE : SCORE_RANGES[rule.survey];
    const of = rule.metric === 'responseRate' ? 'a response rate' : rule.survey;
    for (const key of ['below', 'recoverAt'] as const) {
      const value = rule[key];
      if (value !== undefined && (value <= range.min || value > range.max)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `must be above ${range.min} and at most ${range.max} for ${of}`,
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

/**
 * How a rule is known in the table and in alerts: its survey, window and segment (and `/responseRate`
 * for a rule on the response rate, so a score rule's key is what it always was), with no `#` in it.
 */
export const ruleKeyOf = (
  rule: Pick<MetricAlertRule, 'survey' | 'window' | Dimension> & { metric?: WatchedMetric },
): string => {
  const segment = segmentOfRule(rule as MetricAlertRule);
  const watched = segment ? `${segment.dimension}=${encodeURIComponent(segment.value)}` : 'all';
  return `${rule.survey}/${rule.window}/${watched}${rule.metric === 'responseRate' ? '/responseRate' : ''}`;
};

/**
 * Metric alerts: each rule watches one survey's rolling score over a window (default 30d), overall or
 * for one team, agent, channel or touchpoint, and alerts once when it falls `below` on at least
 * `minSample` answers, then once more when it is back at or above `recoverAt` (default `below`).
 */
export const METRIC_ALERT_RULES = defineSetting(
  'metricAlerts',
  'METRIC_ALERT_RULES',
  MetricAlertRulesSchema.default([]),
);
