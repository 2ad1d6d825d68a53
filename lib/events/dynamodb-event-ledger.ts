import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbOnceLedger } from '../platform/dynamodb-once-ledger.js';
import type { Retention } from '../platform/retention.js';
import { eventKey } from '../platform/table-design.js';
import type { EventLedger } from './ports.js';

/**
 * Longer than the reactor, which publishes events, may run (30 s), so that a claim is taken over only
 * from a publisher that is gone.
 */
export const EVENT_LEASE_MS = 90_000;

/**
 * One item per event, beside the invitation it is about (`EVENT#<kind>[#<version>]`); claimed, given
 * back and marked as DynamoDbOnceLedger does. It keeps the bus's entry id, never the event.
 */
export class DynamoDbEventLedger extends DynamoDbOnceLedger implements EventLedger {
  constructor(client: DynamoDBClient, tableName: string, retention?: Retention) {
    super(client, tableName, {
      keyOf: eventKey,
      type: 'event',
      leaseMs: EVENT_LEASE_MS,
      statuses: { claimed: 'publishing', done: 'published' },
      // Kept as long as what it is about.
      ...(retention ? { keepSeconds: retention.days * 86_400 } : {}),
    });
  }

  markPublished(eventId: string, entryId: string, at: Date): Promise<void> {
    return this.complete(eventId, at, { entryId });
  }
}
