import type { AggregateStore } from '../aggregates/ports.js';
import { readMetrics } from '../aggregates/read-metrics.js';
import type { Clock } from '../platform/clock.js';
import { forEachItemApart } from '../platform/failed-items.js';
import {
  type MetricAlertRule,
  nextMetricState,
  noticeOf,
  ruleKeyOf,
  segmentOfRule,
  watchedFigures,
} from './metric-alert.js';
import { renderMetricAlert } from './metric-alert-message.js';
import type { AlertLedger, AlertPublisher, MetricAlertStates } from './ports.js';
import { publishOnce } from './publish-once.js';

/** How long after a state change its notice is left to the run that made it. */
export const NOTICE_TAKEOVER_MS = 2 * 60_000;

export interface MetricAlertDeps {
  metricRules: readonly MetricAlertRule[];
  aggregates: AggregateStore;
  metricStates: MetricAlertStates;
  ledger: AlertLedger;
  publisher: AlertPublisher;
  clock: Clock;
  /** The stage's minimum sample, for rules that do not set their own. */
  minSample: number;
  /** Where the rule's trend is read (`GET /metrics/trend`), linked from the notice. */
  trendUrl: (rule: MetricAlertRule) => string;
}

/**
 * Reads each rule's rolling score and moves its state: a fall below the line sends one metric alert,
 * the recovery one notice, and nothing is sent while it stays on one side. The state is written
 * before its notice is published (a conditional write on its version, so that two overlapping runs
 * move it once) and marks the notice sent after; a later run that finds a notice unsent, left by a run
 * that died, publishes it, and the ledger keeps that to once. A failing rule does not stop the others;
 * the run then fails, to be retried.
 */
export const evaluateMetricAlerts = async (deps: MetricAlertDeps): Promise<{ published: number }> => {
  const published = await forEachItemApart(
    'metric alert rules',
    async () => ({ items: deps.metricRules }),
    ruleKeyOf,
    (rule) => evaluateRule(rule, deps),
  );
  return { published };
};

const evaluateRule = async (rule: MetricAlertRule, deps: MetricAlertDeps): Promise<boolean> => {
  const key = ruleKeyOf(rule);
  const segment = segmentOfRule(rule);
  const state = await deps.metricStates.get(key);
  const figures = await readMetrics(
    { survey: rule.survey, window: rule.window, ...(segment ? { [segment.dimension]: segment.value } : {}) },
    deps,
  );
  const now = deps.clock.now();
  const next = nextMetricState(rule, watchedFigures(rule, figures), deps.minSample, state, now);
  if (next) {
    // Another run moved it first: that run owes the notice.
    if (!(await deps.metricStates.put(key, next, state?.version ?? 0))) return false;
  }
  const current = next ?? state;
  const notice = current ? noticeOf(current) : undefined;
  if (!current || !notice || current.notified === notice) return false;
  // Owed by a run that moved the state and may be publishing right now: taken over only once that run
  // is surely over (it times out in a minute), so that two runs never publish it side by side.
  if (!next && now.getTime() - Date.parse(current.changedAt) < NOTICE_TAKEOVER_MS) return false;
  const sent = await publishOnce(
    renderMetricAlert(rule, current, deps.trendUrl(rule)),
    `metric#${key}#${notice}`,
    deps,
  );
  await deps.metricStates.put(
    key,
    { ...current, notified: notice, version: current.version + 1 },
    current.version,
  );
  return sent;
};
