import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemOf, queryAll, TableAdapter } from '../platform/dynamodb-items.js';
import { expiryOf } from '../platform/retention.js';
import { contactPartition, PERSON_INDEX_PREFIX, personIndexKey } from '../platform/table-design.js';
import type { PersonKey } from './contact-keys.js';
import type { PersonIndex } from './ports.js';

/**
 * The person index in the single table: under each of a person's contact partitions
 * (`CONTACT#customer:…`, `CONTACT#email:…`, `CONTACT#phone:…`), one small item per invitation
 * (`INV#<invitationId>`), kept as long as the invitation. One query per key finds a person's
 * invitations, whatever the table's size.
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
              ...expiryOf(at, this.retention),
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
