import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { itemOf, TableAdapter } from '../../platform/dynamodb-items.js';
import { pageStampKey } from '../../platform/table-design.js';
import type { PageStamps, StampUse } from '../ports.js';

/**
 * Each use of a page stamp as an item beside its invitation, written only if absent, so that of two
 * POSTs of one stamp exactly one is its first use; the table's TTL removes it once the stamp is too old
 * to be used anyway.
 */
export class DynamoDbPageStamps extends TableAdapter implements PageStamps {
  async use(invitationId: string, stampId: string, answer: string, expiresAt: Date): Promise<StampUse> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: itemOf({
            ...pageStampKey(invitationId, stampId),
            type: 'page-stamp',
            answer,
            expiresAt: Math.ceil(expiresAt.getTime() / 1000),
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'first';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const used = error.Item ? unmarshall(error.Item as Record<string, AttributeValue>) : undefined;
      return used?.answer === answer ? 'repeat' : 'reused';
    }
  }

  async giveBack(invitationId: string, stampId: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: marshall(pageStampKey(invitationId, stampId)),
      }),
    );
  }
}
