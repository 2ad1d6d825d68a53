import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbOnceLedger } from '../platform/dynamodb-once-ledger.js';
import { alertKey } from '../platform/table-design.js';
import type { AlertLedger } from './ports.js';

/**
 * Longer than any function that publishes alerts may run (60 s), so that a claim is taken over only
 * from a publisher that is gone.
 */
export const ALERT_LEASE_MS = 90_000;

/** One item per alert, beside what it is about; claimed and marked as DynamoDbOnceLedger does. */
export class DynamoDbAlertLedger implements AlertLedger {
  private readonly ledger: DynamoDbOnceLedger;

  constructor(client: DynamoDBClient, tableName: string) {
    this.ledger = new DynamoDbOnceLedger(client, tableName, {
      keyOf: alertKey,
      type: 'alert',
      leaseMs: ALERT_LEASE_MS,
      statuses: { claimed: 'publishing', done: 'published' },
    });
  }

  claim(dedupeKey: string, at: Date): Promise<boolean> {
    return this.ledger.claim(dedupeKey, at);
  }

  release(dedupeKey: string): Promise<void> {
    return this.ledger.release(dedupeKey);
  }

  markPublished(dedupeKey: string, messageId: string, at: Date): Promise<void> {
    return this.ledger.complete(dedupeKey, at, { messageId });
  }
}
