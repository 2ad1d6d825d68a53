import { Duration } from 'aws-cdk-lib';
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
 * in any dead-letter or on-failure queue, function errors, and SES bounce and complaint rates.
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
