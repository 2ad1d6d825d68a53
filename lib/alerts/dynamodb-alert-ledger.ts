import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbOnceLedger } from '../platform/dynamodb-once-ledger.js';
import type { Retention } from '../platform/retention.js';
import { alertKey } from '../platform/table-design.js';
import type { AlertLedger } from './ports.js';

/**
 * Longer than any function that publishes alerts may run (60 s), so that a claim is taken over only
 * from a publisher that is gone.
 */
export const ALERT_LEASE_MS = 90_000;

/** One item per alert, beside what it is about; claimed, given back and marked as DynamoDbOnceLedger does. */
export class DynamoDbAlertLedger extends DynamoDbOnceLedger implements AlertLedger {
  constructor(client: DynamoDBClient, tableName: string, retention?: Retention) {
    super(client, tableName, {
      keyOf: alertKey,
      type: 'alert',
      leaseMs: ALERT_LEASE_MS,
      statuses: { claimed: 'publishing', done: 'published' },
      // Kept as long as what it is about.
      ...(retention ? { keepSeconds: retention.days * 86_400 } : {}),
    });
  }

  markPublished(dedupeKey: string, messageId: string, at: Date): Promise<void> {
    return this.complete(dedupeKey, at, { messageId });
  }
}
