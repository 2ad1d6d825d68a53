import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { itemOf, readItem, TableAdapter } from '../platform/dynamodb-items.js';
import { responseKey } from '../platform/table-design.js';
import type { ResponseStore } from './ports.js';
import { type Response, StoredResponseSchema } from './response.js';

/**
 * Responses in the single table, beside their invitation. Every write is a whole-item put, so the
 * stream record carries the complete before and after images the aggregator and the alerts need.
 */
export class DynamoDbResponseStore extends TableAdapter implements ResponseStore {
  async get(invitationId: string): Promise<Response | null> {
    const item = await readItem(this.client, this.tableName, responseKey(invitationId));
    return item ? responseFromItem(item) : null;
  }

  async save(response: Response): Promise<Response> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: itemOf({ ...response, ...responseKey(response.invitationId), type: 'response' }),
      }),
    );
    return response;
  }
}

/** A response item as the domain sees it; throws when the item is not a valid response. */
export const responseFromItem = (item: Record<string, unknown>): Response => StoredResponseSchema.parse(item);
