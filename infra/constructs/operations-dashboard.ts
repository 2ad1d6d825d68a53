import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUSINESS_METRICS, type BusinessMetric, METRICS_NAMESPACE } from '../../lib/platform/metrics.js';

export interface OperationsDashboardProps {
  readonly dashboardName: string;
  readonly functions: readonly { name: string; fn: IFunction }[];
  readonly streamConsumers: readonly { name: string; fn: IFunction }[];
  /** The send queues, whose backlog and oldest message say whether sending keeps up. */
  readonly queues: readonly { name: string; queue: IQueue }[];
  readonly deadLetterQueues: readonly { name: string; queue: IQueue }[];
  readonly tableName: string;
  readonly httpApi: IHttpApi;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * A business metric as the functions write it (lib/platform/metrics.ts): cut by its dimension, every
 * value found (a search, so a new reason or kind shows without a deploy), or whole.
 */
export const businessMetric = (name: BusinessMetric, statistic = 'Sum'): IMetric => {
  const { dimension } = BUSINESS_METRICS[name];
  return dimension
    ? new MathExpression({
        expression: `SEARCH('{${METRICS_NAMESPACE},service,${dimension}} MetricName="${name}"', '${statistic}', 300)`,
        label: '',
        period: FIVE_MINUTES,
      })
    : new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { service: 'pulse' },
        statistic,
        period: FIVE_MINUTES,
        label: `${name} (${statistic})`,
      });
};

/**
 * The one page ops read: the pipeline's business health first (interactions in, invitations out and
 * why not, answers counted and held, alerts by kind and how fast), then the functions, queues, table
 * and API under it.
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
      new GraphWidget({ title, left, right, width: 8, height: 6, period: FIVE_MINUTES });
    const perFunction = (
      title: string,
      metricOf: (fn: IFunction, label: string) => IMetric,
      of = props.functions,
    ) =>
      new GraphWidget({
        title,
        left: of.map(({ name, fn }) => metricOf(fn, name)),
        width: 12,
        height: 6,
      });
    const dynamo = (metricName: string, statistic = 'Sum') =>
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: props.tableName },
        statistic,
        period: FIVE_MINUTES,
      });

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          "## Pulse\nBusiness metrics are written by the functions as embedded-metric-format log lines (namespace `Pulse`); the rows below them are AWS's own metrics.",
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph('Interactions in, invitations out', [
        businessMetric('InteractionsReceived'),
        businessMetric('InvitationsSent'),
      ]),
      graph('Invitations skipped, by reason', [businessMetric('InvitationsSkipped')]),
      graph('Sends failed or put back, by channel', [businessMetric('SendFailures')]),
    );
    this.dashboard.addWidgets(
      graph('Comments analysed, by outcome (done, pending, failed)', [businessMetric('CommentsAnalysed')]),
    );
    this.dashboard.addWidgets(
      graph('Answers counted and held as suspect, by channel', [
        businessMetric('AnswersCounted'),
        businessMetric('AnswersSuspect'),
      ]),
      graph('Alerts published, by kind', [businessMetric('AlertsPublished')]),
      graph('Answer to alert (ms)', [
        businessMetric('AnswerToAlert', 'p50'),
        businessMetric('AnswerToAlert', 'p99'),
      ]),
    );
    this.dashboard.addWidgets(
      perFunction('Function errors', (fn, label) => fn.metricErrors({ statistic: 'Sum', label })),
      perFunction('Function throttles', (fn, label) => fn.metricThrottles({ statistic: 'Sum', label })),
    );
    this.dashboard.addWidgets(
      perFunction('Function duration p99 (ms)', (fn, label) =>
        fn.metricDuration({ statistic: 'p99', label }),
      ),
      perFunction(
        'Stream consumers: iterator age (ms)',
        (fn, label) => fn.metric('IteratorAge', { statistic: 'Maximum', label }),
        props.streamConsumers,
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Send queues: backlog',
        props.queues.map(({ name, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({ label: name, statistic: 'Maximum' }),
        ),
        props.queues.map(({ name, queue }) =>
          queue.metricApproximateAgeOfOldestMessage({ label: `${name} oldest (s)`, statistic: 'Maximum' }),
        ),
      ),
      graph(
        'Dead-letter and failure queues',
        props.deadLetterQueues.map(({ name, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({ label: name, statistic: 'Maximum' }),
        ),
      ),
      graph('Stream batches failed, by consumer', [businessMetric('StreamFailures')]),
    );
    this.dashboard.addWidgets(
      graph(
        'Table: capacity used',
        [dynamo('ConsumedReadCapacityUnits'), dynamo('ConsumedWriteCapacityUnits')],
        [dynamo('ThrottledRequests')],
      ),
      graph(
        'API: requests and errors',
        [props.httpApi.metricCount({ statistic: 'Sum' })],
        [
          props.httpApi.metricClientError({ statistic: 'Sum' }),
          props.httpApi.metricServerError({ statistic: 'Sum' }),
        ],
      ),
      graph('API: latency (ms)', [
        props.httpApi.metricLatency({ statistic: 'p50' }),
        props.httpApi.metricLatency({ statistic: 'p99' }),
      ]),
    );
  }
}
