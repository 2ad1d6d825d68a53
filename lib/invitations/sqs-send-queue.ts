import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '../platform/clock.js';
import type { SendKind, SendQueue } from './ports.js';

/** SQS holds a message back at most 15 minutes; a longer wait is chained by the consumer. */
export const MAX_DELAY_SECONDS = 900;

/** The queue of invitations to send, with the wait expressed as a message delay. */
export class SqsSendQueue implements SendQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly clock: Clock,
  ) {}

  async enqueue(invitationId: string, dueAt: Date, kind: SendKind = 'invitation'): Promise<void> {
    const wait = Math.ceil((dueAt.getTime() - this.clock.now().getTime()) / 1000);
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({ invitationId, kind }),
        DelaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(0, wait)),
      }),
    );
  }
}
