import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { type ITopic, Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** SES reviews an account at a 5% bounce rate and a 0.1% complaint rate. */
export const SES_REVIEW_LEVELS = { bounceRate: 0.05, complaintRate: 0.001 } as const;

export interface OperationsAlarmsProps {
  /** Every function: an error in two consecutive 5-minute periods alarms. */
  readonly functions: readonly { name: string; fn: IFunction }[];
  /** The stream consumers: a batch older than `maxIteratorAge` alarms (the pipeline is falling behind). */
  readonly streamConsumers: readonly { name: string; fn: IFunction }[];
  /** Dead-letter queues and on-failure destinations: any message in one alarms. */
  readonly deadLetterQueues: readonly { name: string; queue: IQueue }[];
  /** The configuration set invitations are sent with; its reputation rates alarm at SES's review levels. */
  readonly configurationSet: IConfigurationSet;
  /** The HTTP API: any 5xx it answers in two consecutive 5-minute periods alarms. */
  readonly httpApi: IHttpApi;
  /**
   * The month's SMS spend (SNS's `SMSMonthToDateSpentUSD`) at which to tell ops, in USD; SNS stops
   * sending at the account's own spend limit, so this should sit below it.
   */
  readonly smsMonthToDateUsd: number;
  /** Who is told. */
  readonly opsEmails: readonly string[];
  /**
   * How far behind the stream consumers may fall.
   * @default Duration.minutes(1)
   */
  readonly maxIteratorAge?: Duration;
}

/**
 * The alarms that tell ops the pipeline needs them, all to one ops topic: stream iterator age, messages
 * in any dead-letter or on-failure queue (the alerts SNS could not deliver among them), function
 * errors and throttles, the API's 5xx, the month's SMS spend, and SES bounce and complaint rates.
 */
export class OperationsAlarms extends Construct {
  readonly topic: ITopic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const topic = new Topic(this, 'OpsTopic', { displayName: 'Pulse operations', enforceSSL: true });
    this.topic = topic;
    for (const endpoint of props.opsEmails) {
      new Subscription(this, `Ops:${endpoint}`, { topic, protocol: SubscriptionProtocol.EMAIL, endpoint });
    }
    const action = new SnsAction(topic);
    const alarm = (alarmId: string, metric: IMetric, threshold: number, description: string, periods = 1) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
    };

    const maxAge = props.maxIteratorAge ?? Duration.minutes(1);
    for (const { name, fn } of props.streamConsumers) {
      alarm(
        `${name}IteratorAge`,
        fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
        maxAge.toMilliseconds(),
        `${name} is more than ${maxAge.toHumanString()} behind the table's stream`,
      );
    }
    for (const { name, queue } of props.deadLetterQueues) {
      alarm(
        `${name}Messages`,
        queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
        1,
        `${name} holds messages that failed: read the reason, fix, redrive`,
      );
    }
    for (const { name, fn } of props.functions) {
      alarm(
        `${name}Errors`,
        fn.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
        1,
        `${name} failed in two consecutive 5-minute periods`,
        2,
      );
    }
    for (const { name, fn } of props.functions) {
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ statistic: 'Sum', period: Duration.minutes(5) }),
        1,
        `${name} was throttled: a flood on a public route, or the account's concurrency is spent`,
      );
    }
    alarm(
      'Api5xx',
      props.httpApi.metricServerError({ statistic: 'Sum', period: Duration.minutes(5) }),
      1,
      'The HTTP API answered 5xx in two consecutive 5-minute periods',
      2,
    );
    alarm(
      'SmsMonthToDateSpend',
      new Metric({
        namespace: 'AWS/SNS',
        metricName: 'SMSMonthToDateSpentUSD',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      props.smsMonthToDateUsd,
      `SMS spend this month reached ${props.smsMonthToDateUsd} USD: check the destinations, then the account's SMS spend limit`,
    );
    const reputation = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { 'ses:configuration-set': props.configurationSet.configurationSetName },
        statistic: 'Maximum',
        period: Duration.hours(1),
      });
    alarm(
      'SesBounceRate',
      reputation('Reputation.BounceRate'),
      SES_REVIEW_LEVELS.bounceRate,
      'Invitation bounce rate reached the level at which SES puts an account under review (5%)',
    );
    alarm(
      'SesComplaintRate',
      reputation('Reputation.ComplaintRate'),
      SES_REVIEW_LEVELS.complaintRate,
      'Invitation complaint rate reached the level at which SES puts an account under review (0.1%)',
    );
  }
}
