import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SnsAlertPublisher } from './sns-alert-publisher.js';

const sns = mockClient(SNSClient);

describe('SnsAlertPublisher', () => {
  beforeEach(() => sns.reset());

  it('publishes with string and number message attributes that filter policies can match', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    const publisher = new SnsAlertPublisher(
      new SNSClient({ region: 'us-east-1' }),
      'arn:aws:sns:us-east-1:123456789012:alerts',
    );

    const id = await publisher.publish({
      subject: 'NPS 3/10 from Ana',
      message: 'Ana answered 3/10',
      attributes: { survey: 'nps', score: 3, team: 'billing' },
      dedupeKey: 'detractor#abc',
    });

    expect(id).toBe('sns-1');
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
      Subject: 'NPS 3/10 from Ana',
      Message: 'Ana answered 3/10',
      MessageAttributes: {
        survey: { DataType: 'String', StringValue: 'nps' },
        score: { DataType: 'Number', StringValue: '3' },
        team: { DataType: 'String', StringValue: 'billing' },
      },
    });
  });

  it('keeps the subject within what SNS accepts: printable ASCII, at most 100 characters', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-2' });
    const publisher = new SnsAlertPublisher(
      new SNSClient({ region: 'us-east-1' }),
      'arn:aws:sns:us-east-1:123456789012:alerts',
    );

    await publisher.publish({
      subject: `NPS 2/10 from 李伟\n${'x'.repeat(200)}`,
      message: 'm',
      attributes: {},
      dedupeKey: 'k',
    });

    const subject = sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject ?? '';
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
  });
});
