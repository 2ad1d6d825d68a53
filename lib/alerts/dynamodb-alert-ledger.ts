import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { alertKey } from '../platform/table-design.js';
import type { AlertLedger } from './ports.js';

/**
 * One item per alert. A claim succeeds when there is no item yet or the last attempt never reached
 * `published` (it failed between claiming and publishing), so a crash can repeat an alert but a
 * replay after a success cannot.
 */
export class DynamoDbAlertLedger implements AlertLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async claim(dedupeKey: string, at: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({
            ...alertKey(dedupeKey),
            type: 'alert',
            status: 'publishing',
            claimedAt: at.toISOString(),
          }),
          ConditionExpression: 'attribute_not_exists(pk) OR #status <> :published',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':published': 'published' }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markPublished(dedupeKey: string, messageId: string, at: Date): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: marshall(alertKey(dedupeKey)),
        UpdateExpression: 'SET #status = :published, messageId = :messageId, publishedAt = :at',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({
          ':published': 'published',
          ':messageId': messageId,
          ':at': at.toISOString(),
        }),
      }),
    );
  }
}
