import { SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { answerLocally } from '../../infra/local/capture.js';
import { LOCAL_AWS } from '../../infra/local/dynamodb-local.js';
import { SnsAlertPublisher } from './sns-alert-publisher.js';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:alerts';

/**
 * A publisher whose SNS calls are answered at the transport, after the SDK serialised them as AWS
 * would receive them: what reached it is kept as the Publish form.
 */
const localPublisher = () => {
  const sent: URLSearchParams[] = [];
  const client = answerLocally(new SNSClient(LOCAL_AWS), async (_command, _input, request) => {
    sent.push(new URLSearchParams(String(request.body)));
    return { MessageId: `sns-${sent.length}` };
  });
  return { publisher: new SnsAlertPublisher(client, TOPIC_ARN), sent };
};

describe('SnsAlertPublisher', () => {
  it('publishes with string and number message attributes that filter policies can match', async () => {
    const { publisher, sent } = localPublisher();

    const id = await publisher.publish({
      subject: 'NPS 3/10 from Ana',
      message: 'Ana answered 3/10',
      attributes: { survey: 'nps', score: 3, team: 'billing' },
      dedupeKey: 'detractor#abc',
    });

    expect(id).toBe('sns-1');
    expect(Object.fromEntries(sent[0] ?? [])).toEqual({
      Action: 'Publish',
      Version: '2010-03-31',
      TopicArn: TOPIC_ARN,
      Subject: 'NPS 3/10 from Ana',
      Message: 'Ana answered 3/10',
      'MessageAttributes.entry.1.Name': 'survey',
      'MessageAttributes.entry.1.Value.DataType': 'String',
      'MessageAttributes.entry.1.Value.StringValue': 'nps',
      'MessageAttributes.entry.2.Name': 'score',
      'MessageAttributes.entry.2.Value.DataType': 'Number',
      'MessageAttributes.entry.2.Value.StringValue': '3',
      'MessageAttributes.entry.3.Name': 'team',
      'MessageAttributes.entry.3.Value.DataType': 'String',
      'MessageAttributes.entry.3.Value.StringValue': 'billing',
    });
  });

  it('keeps the subject within what SNS accepts: printable ASCII, at most 100 characters', async () => {
    const { publisher, sent } = localPublisher();

    await publisher.publish({
      subject: `NPS 2/10 from 李伟\n${'x'.repeat(200)}`,
      message: 'm',
      attributes: {},
      dedupeKey: 'k',
    });

    const subject = sent[0]?.get('Subject') ?? '';
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
  });

  it('publishes an answer stored with a lone surrogate, repaired, where the SDK would throw', async () => {
    const { publisher, sent } = localPublisher();

    const id = await publisher.publish({
      subject: 'NPS 2/10 from Ana',
      message: 'Comment:\n> slow \ud800 and rude',
      attributes: { team: 'billing\udc00' },
      dedupeKey: 'detractor#broken',
    });

    expect(id).toBe('sns-1');
    expect(sent[0]?.get('Message')).toBe('Comment:\n> slow \ufffd and rude');
    expect(sent[0]?.get('MessageAttributes.entry.1.Value.StringValue')).toBe('billing\ufffd');
  });
});
