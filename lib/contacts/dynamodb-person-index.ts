import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemOf, queryAll, TableAdapter } from '../platform/dynamodb-items.js';
import { expiryOf } from '../platform/retention.js';
import { contactPartition, PERSON_INDEX_PREFIX, personIndexKey } from '../platform/table-design.js';
import type { PersonKey } from './contact-keys.js';
import type { PersonIndex } from './ports.js';

/** How much longer than its invitation an entry of the index is kept (see below). */
const OUTLIVES_INVITATION_MS = 61 * 86_400_000;

/**
 * The person index in the single table: under each of a person's contact partitions
 * (`CONTACT#customer:…`, `CONTACT#email:…`, `CONTACT#phone:…`), one small item per invitation
 * (`INV#<invitationId>`). One query per key finds a person's invitations, whatever the table's size.
 *
 * An entry outlives every item it finds: an invitation's answer and the case opened from it begin up
 * to 60 days after it (a send delayed up to 30 days, then 30 days open) and are each kept
 * `retention.days` from then, so the entry is kept that long past its invitation's own retention.
 */
export class DynamoDbPersonIndex extends TableAdapter implements PersonIndex {
  async remember(keys: readonly PersonKey[], invitationId: string, at: Date): Promise<void> {
    await Promise.all(
      [...new Set(keys)].map((key) =>
        this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: itemOf({
              ...personIndexKey(key, invitationId),
              type: 'person-index',
              invitationId,
              at: at.toISOString(),
              ...expiryOf(new Date(at.getTime() + OUTLIVES_INVITATION_MS), this.retention),
            }),
          }),
        ),
      ),
    );
  }

  async invitationsOf(key: PersonKey): Promise<string[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: marshall({ ':pk': contactPartition(key), ':prefix': PERSON_INDEX_PREFIX }),
      ConsistentRead: true,
    });
    return items.map((item) => String(item.invitationId));
  }
}
