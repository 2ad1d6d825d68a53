import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_DELAY_SECONDS, SqsSendQueue } from './sqs-send-queue.js';

const sqs = mockClient(SQSClient);
const now = new Date('2026-11-26T10:00:00Z');
const queue = () =>
  new SqsSendQueue(new SQSClient({ region: 'us-east-1' }), 'https://sqs.example/q', { now: () => now });

describe('SqsSendQueue', () => {
  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
  });

  it('delays a message until its due time', async () => {
    await queue().enqueue('inv-1', new Date(now.getTime() + 120_000));

    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: 'https://sqs.example/q',
      MessageBody: '{"invitationId":"inv-1","kind":"invitation"}',
      DelaySeconds: 120,
    });
  });

  it('caps the delay at the 15 minutes SQS allows; the consumer waits out the rest', async () => {
    await queue().enqueue('inv-2', new Date(now.getTime() + 6 * 3600_000));

    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { DelaySeconds: MAX_DELAY_SECONDS });
  });

  it('sends an overdue invitation at once', async () => {
    await queue().enqueue('inv-3', new Date(now.getTime() - 60_000));

    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { DelaySeconds: 0 });
  });
});
