import type { Figures } from '../aggregates/formulas.js';
import {
  type MetricAlertRule,
  MetricAlertRuleSchema,
  MetricAlertRulesSchema,
  ruleKeyOf,
  segmentOfRule,
} from '../settings/metric-alerts.js';

export type { MetricAlertRule };
export { MetricAlertRuleSchema, MetricAlertRulesSchema, ruleKeyOf, segmentOfRule };

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

/**
 * Where a metric rule's score is followed (with a lead's or the integrator's token): day by day
 * (`GET /metrics/trend`), or, for a response rate, stage by stage over the rule's window
 * (`GET /metrics/funnel`), where the skips and failures by reason say why.
 */
export const trendUrlFor =
  (publicUrl: string) =>
  (rule: MetricAlertRule): string => {
    const segment = segmentOfRule(rule);
    const rate = rule.metric === 'responseRate';
    const query = new URLSearchParams({
      survey: rule.survey,
      ...(rate ? { window: rule.window } : {}),
      ...(segment ? { [segment.dimension]: segment.value } : {}),
    });
    return `${publicUrl.replace(/\/+$/, '')}/metrics/${rate ? 'funnel' : 'trend'}?${query}`;
  };

/** What a rule weighs: the score on its answers, or the response rate on the invitations sent. */
export const watchedFigures = (
  rule: MetricAlertRule,
  metrics: Pick<Figures, 'n' | 'score'> & { sent: number; responseRate: number | null },
): Pick<Figures, 'n' | 'score'> =>
  rule.metric === 'responseRate' ? { n: metrics.sent, score: metrics.responseRate } : metrics;
