import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { LocalClock } from './clock.js';

interface Message {
  messageId: string;
  body: string;
  visibleAt: number;
  receiveCount: number;
  sentAt: number;
}

export interface DeadLetter {
  source: string;
  at: string;
  reason: string;
  payload: unknown;
}

export interface LocalQueueOptions {
  name: string;
  clock: LocalClock;
  batchSize: number;
  /** Receives before a message moves to the dead letters. */
  maxReceiveCount: number;
  visibilityTimeoutSeconds: number;
  deadLetters: DeadLetter[];
}

/**
 * A standard SQS queue on the local clock: delayed messages become visible when the clock reaches
 * them, the consumer gets SQS events in batches, failed messages come back after the visibility
 * timeout and move to the dead letters after `maxReceiveCount` receives, as a redrive policy does.
 */
export class LocalQueue {
  private readonly messages: Message[] = [];
  private consumer?: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;
  private draining?: Promise<void>;

  constructor(private readonly options: LocalQueueOptions) {}

  send(body: string, delaySeconds: number): string {
    const now = this.options.clock.now().getTime();
    const messageId = randomUUID();
    this.messages.push({
      messageId,
      body,
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
      sentAt: now,
    });
    return messageId;
  }

  consume(consumer: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>): void {
    this.consumer = consumer;
  }

  get depth(): number {
    return this.messages.length;
  }

  /** Messages a receive would get now: neither delayed nor in flight. */
  get visible(): number {
    const now = this.options.clock.now().getTime();
    return this.messages.filter((message) => message.visibleAt <= now).length;
  }

  /** Delivers every message visible now, batch by batch, until none is left. */
  drain(): Promise<void> {
    this.draining ??= this.deliverVisible().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async deliverVisible(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    for (;;) {
      const now = this.options.clock.now().getTime();
      const batch = this.messages.filter((m) => m.visibleAt <= now).slice(0, this.options.batchSize);
      if (batch.length === 0) return;
      for (const message of batch) {
        message.receiveCount += 1;
        message.visibleAt = now + this.options.visibilityTimeoutSeconds * 1000;
      }
      let failedIds: Set<string>;
      try {
        const result = await consumer(this.eventOf(batch));
        failedIds = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch {
        failedIds = new Set(batch.map((m) => m.messageId));
      }
      for (const message of batch) {
        if (!failedIds.has(message.messageId)) {
          this.remove(message);
        } else if (message.receiveCount >= this.options.maxReceiveCount) {
          this.remove(message);
          this.options.deadLetters.push({
            source: this.options.name,
            at: this.options.clock.now().toISOString(),
            reason: `failed ${message.receiveCount} receives`,
            payload: message.body,
          });
        }
      }
    }
  }

  private remove(message: Message): void {
    const index = this.messages.indexOf(message);
    if (index >= 0) this.messages.splice(index, 1);
  }

  private eventOf(batch: Message[]): SQSEvent {
    return {
      Records: batch.map((message) => ({
        messageId: message.messageId,
        receiptHandle: `${message.messageId}#${message.receiveCount}`,
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentAt),
          SenderId: '000000000000',
          ApproximateFirstReceiveTimestamp: String(this.options.clock.now().getTime()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${this.options.name}`,
        awsRegion: 'us-east-1',
      })),
    };
  }
}
