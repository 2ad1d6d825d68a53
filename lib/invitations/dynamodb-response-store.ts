import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemOf, readItem, sendTransaction, TableAdapter } from '../platform/dynamodb-items.js';
import { SurveyClosedError } from '../platform/errors.js';
import { expiryOf } from '../platform/retention.js';
import { invitationKey, responseKey } from '../platform/table-design.js';
import type { ResponseStore } from './ports.js';
import { type Response, StoredResponseSchema } from './response.js';

/**
 * Responses in the single table, beside their invitation. Every write is a whole-item put, so the
 * stream record carries the complete before and after images the aggregator and the alerts need; it
 * is refused, in the same transaction, once an erasure marked the invitation or the answer, so that an
 * answer in flight cannot bring an erased person's words back.
 */
export class DynamoDbResponseStore extends TableAdapter implements ResponseStore {
  async get(invitationId: string): Promise<Response | null> {
    const item = await readItem(this.client, this.tableName, responseKey(invitationId));
    return item ? responseFromItem(item) : null;
  }

  async save(response: Response): Promise<Response> {
    const notErased = 'attribute_not_exists(erasedAt)';
    try {
      // The case's opening checks the answer in a transaction too: a meeting of the two is sent again.
      await sendTransaction(this.client, [
        {
          Put: {
            TableName: this.tableName,
            Item: itemOf({
              ...response,
              ...responseKey(response.invitationId),
              type: 'response',
              ...expiryOf(response.answeredAt, this.retention),
            }),
            ConditionExpression: notErased,
          },
        },
        {
          ConditionCheck: {
            TableName: this.tableName,
            Key: marshall(invitationKey(response.invitationId)),
            ConditionExpression: notErased,
          },
        },
      ]);
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')
      ) {
        throw new SurveyClosedError(response.locale);
      }
      throw error;
    }
    return response;
  }
}

/** A response item as the domain sees it; throws when the item is not a valid response. */
export const responseFromItem = (item: Record<string, unknown>): Response => StoredResponseSchema.parse(item);
