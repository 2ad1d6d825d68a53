import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * The business metrics, by name, with the one dimension each is cut by (if any): the names the
 * stack's dashboard and alarms read (infra/constructs/operations-dashboard.ts), so each has one home.
 */
export const BUSINESS_METRICS = {
  /** An integrator's interaction accepted (a new invitation, not a duplicate). */
  InteractionsReceived: { unit: MetricUnit.Count, dimension: null },
  /** An invitation or reminder handed to SES or SNS, by channel. */
  InvitationsSent: { unit: MetricUnit.Count, dimension: 'channel' },
  /** An invitation not sent, by its reason code (suppressed, fatigue, …). */
  InvitationsSkipped: { unit: MetricUnit.Count, dimension: 'reason' },
  /** A send that failed for good, or was put back, by channel. */
  SendFailures: { unit: MetricUnit.Count, dimension: 'channel' },
  /** An answer stored that counts in the metrics, by channel (web, sms). */
  AnswersCounted: { unit: MetricUnit.Count, dimension: 'channel' },
  /** An answer or change held as suspect, by channel. */
  AnswersSuspect: { unit: MetricUnit.Count, dimension: 'channel' },
  /** An alert published, by kind (detractor, update, escalation, metric). */
  AlertsPublished: { unit: MetricUnit.Count, dimension: 'kind' },
  /** From an answer's change to its detractor alert going out. */
  AnswerToAlert: { unit: MetricUnit.Milliseconds, dimension: null },
  /** A comment's analysis: `done`, `pending` (to be tried again) or `failed` (given up, or refused). */
  CommentsAnalysed: { unit: MetricUnit.Count, dimension: 'outcome' },
  /** A stream batch a consumer could not handle (it is retried, then set aside), by consumer. */
  StreamFailures: { unit: MetricUnit.Count, dimension: 'consumer' },
} as const;

export type BusinessMetric = keyof typeof BUSINESS_METRICS;

/** Their CloudWatch namespace; the stack sets the same through `POWERTOOLS_METRICS_NAMESPACE`. */
export const METRICS_NAMESPACE = 'Pulse';

const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'pulse' });

/**
 * Records one business metric as its own embedded-metric-format line in the function's log, which
 * CloudWatch turns into the metric: no API call, nothing to flush, and a function that dies after it
 * still counted. `by` is the value of the metric's dimension, when it has one.
 */
export const measure = (name: BusinessMetric, value = 1, by?: string): void => {
  const { unit, dimension } = BUSINESS_METRICS[name];
  const single = metrics.singleMetric();
  if (dimension && by) single.addDimension(dimension, by);
  single.addMetric(name, unit, value);
};
