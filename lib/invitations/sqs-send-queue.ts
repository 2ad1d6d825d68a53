import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '../platform/clock.js';
import type { InvitationChannel, SendQueue, SendRequest } from './ports.js';

/** SQS holds a message back at most 15 minutes; a longer wait is chained by the consumer. */
export const MAX_DELAY_SECONDS = 900;

/**
 * The queues of invitations to send, one per channel, each read by the function that sends through
 * that channel; the wait is expressed as a message delay.
 */
export class SqsSendQueue implements SendQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrls: Readonly<Record<InvitationChannel, string>>,
    private readonly clock: Clock,
  ) {}

  async enqueue(invitationId: string, dueAt: Date, { via, kind }: SendRequest): Promise<void> {
    const wait = Math.ceil((dueAt.getTime() - this.clock.now().getTime()) / 1000);
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrls[via],
        MessageBody: JSON.stringify({ invitationId, kind }),
        DelaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(0, wait)),
      }),
    );
  }
}
