import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_DELAY_SECONDS, SqsSendQueue } from './sqs-send-queue.js';

const sqs = mockClient(SQSClient);
const now = new Date('2026-11-26T10:00:00Z');
const queue = () =>
  new SqsSendQueue(
    new SQSClient({ region: 'us-east-1' }),
    { email: 'https://sqs.example/email', sms: 'https://sqs.example/sms' },
    { now: () => now },
  );
const email = { via: 'email', kind: 'invitation' } as const;

describe('SqsSendQueue', () => {
  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
  });

  it('delays a message until its due time', async () => {
    await queue().enqueue('inv-1', new Date(now.getTime() + 120_000), email);

    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: 'https://sqs.example/email',
      MessageBody: '{"invitationId":"inv-1","kind":"invitation"}',
      DelaySeconds: 120,
    });
  });

  it('caps the delay at the 15 minutes SQS allows; the consumer waits out the rest', async () => {
    await queue().enqueue('inv-2', new Date(now.getTime() + 6 * 3600_000), email);

    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { DelaySeconds: MAX_DELAY_SECONDS });
  });

  it('sends an overdue invitation at once', async () => {
    await queue().enqueue('inv-3', new Date(now.getTime() - 60_000), email);

    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { DelaySeconds: 0 });
  });

  it("puts each send on its channel's queue, saying whether it is the invitation or its reminder", async () => {
    await queue().enqueue('inv-4', now, { via: 'sms', kind: 'reminder' });
    await queue().enqueue('inv-5', now, { via: 'email', kind: 'reminder' });

    expect(sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input)).toEqual([
      {
        QueueUrl: 'https://sqs.example/sms',
        MessageBody: '{"invitationId":"inv-4","kind":"reminder"}',
        DelaySeconds: 0,
      },
      {
        QueueUrl: 'https://sqs.example/email',
        MessageBody: '{"invitationId":"inv-5","kind":"reminder"}',
        DelaySeconds: 0,
      },
    ]);
  });
});
