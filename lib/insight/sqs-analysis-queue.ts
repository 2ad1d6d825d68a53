import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AnalysisQueue } from './ports.js';

/**
 * How long a comment waits before its analysis is tried again: long enough for a throttle to pass,
 * short enough that a lead sees the labels within minutes. Each later try waits the queue's visibility
 * timeout.
 */
export const RETRY_DELAY_SECONDS = 60;

/** The queue of comments to analyse again, read by analyse-comments; its DLQ keeps those that gave up. */
export class SqsAnalysisQueue implements AnalysisQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async retry(invitationId: string, commentDigest: string): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({ invitationId, commentDigest }),
        DelaySeconds: RETRY_DELAY_SECONDS,
      }),
    );
  }
}
