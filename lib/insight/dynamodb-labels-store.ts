import { ConditionalCheckFailedException, DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { fieldsOf, itemOf, readItem, TableAdapter } from '../platform/dynamodb-items.js';
import { expiryOf } from '../platform/retention.js';
import { labelsKey } from '../platform/table-design.js';
import { type CommentLabels, CommentLabelsSchema } from './labels.js';
import type { LabelsStore } from './ports.js';

/**
 * Labels under the answer's own partition (`INV#<invitationId>` / `INSIGHT`): the same stream shard
 * as the answer, so the fold and the reactor read an answer's changes and its labels' in order.
 */
export class DynamoDbLabelsStore extends TableAdapter implements LabelsStore {
  async get(invitationId: string): Promise<CommentLabels | null> {
    const item = await readItem(this.client, this.tableName, labelsKey(invitationId));
    return item ? CommentLabelsSchema.parse(fieldsOf(item)) : null;
  }

  async put(labels: CommentLabels): Promise<void> {
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: this.itemOf(labels) }));
  }

  async settle(labels: CommentLabels): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: this.itemOf(labels),
          // The same comment, still pending, and counted with the same score: a change of the answer
          // meanwhile rewrote the labels, and this outcome would count it with the old score.
          ConditionExpression: `#status = :pending AND commentDigest = :digest AND ${
            labels.score === null ? 'attribute_type(score, :null)' : 'score = :score'
          }`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({
            ':pending': 'pending',
            ':digest': labels.commentDigest,
            ...(labels.score === null ? { ':null': 'NULL' } : { ':score': labels.score }),
          }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async remove(invitationId: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({ TableName: this.tableName, Key: marshall(labelsKey(invitationId)) }),
    );
  }

  private itemOf(labels: CommentLabels) {
    return itemOf({
      ...labelsKey(labels.invitationId),
      type: 'comment-labels',
      ...labels,
      ...expiryOf(`${labels.day}T00:00:00Z`, this.retention),
    });
  }
}
