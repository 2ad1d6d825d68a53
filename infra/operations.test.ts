import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { statefulResourcesOf } from './app.js';
import { parseStageConfig } from './stage-config.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

/** The two stacks of a stage with alert subscribers, without bundling any function. */
const stacksWithSubscribers = () => {
  const app = new App();
  const config = parseStageConfig({
    stage: 'ops',
    senderAddress: 'surveys@example.com',
    alertSubscribers: [{ protocol: 'email', endpoint: 'lead@example.com' }],
    smsSpendAlarmUsd: 200,
  });
  const stateful = new StatefulStack(app, 'OpsStateful', { config });
  const stateless = new StatelessStack(app, 'OpsStateless', {
    config,
    functions: [],
    ...statefulResourcesOf(stateful),
  });
  return { stateful, stateless, template: Template.fromStack(stateless) };
};

describe('operations alarms of a stage with alert subscribers', () => {
  it('alarms on the first alert SNS could not deliver, which used to sit in its queue unseen', () => {
    const { template } = stacksWithSubscribers();
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties as Record<string, unknown>,
    );

    const delivery = alarms.filter((alarm) =>
      JSON.stringify(alarm.Dimensions ?? []).includes('AlertDeliveryFailureQueue'),
    );
    expect(delivery).toEqual([
      expect.objectContaining({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 }),
    ]);
    expect(alarms.find((alarm) => alarm.MetricName === 'SMSMonthToDateSpentUSD')?.Threshold).toBe(200);
  });
});
