import { ConditionalCheckFailedException, DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { itemOf, TableAdapter } from '../platform/dynamodb-items.js';
import { pendingLoginKey, TABLE_DESIGN } from '../platform/table-design.js';
import { type PendingLogin, type PendingLogins, stateDigestOf } from './managed-login.js';

/**
 * Sign-ins under way in the single table, under a digest of their `state`: taken by a conditional
 * delete, so that of two callbacks with one `state` only one gets it, and removed by the table's time
 * to live a day after they expire (refused from the moment they do).
 */
export class DynamoDbPendingLogins extends TableAdapter implements PendingLogins {
  async keep(state: string, login: PendingLogin): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: itemOf({
          ...pendingLoginKey(stateDigestOf(state)),
          type: 'pending-login',
          verifier: login.verifier,
          returnTo: login.returnTo,
          endsAt: login.expiresAt,
          // The table's time to live, in epoch seconds.
          expiresAt: Math.ceil(Date.parse(login.expiresAt) / 1000) + 86_400,
        }),
        // A state is 256 random bits: one already there is a bug, never a second sign-in to overwrite.
        ConditionExpression: `attribute_not_exists(${TABLE_DESIGN.partitionKey})`,
      }),
    );
  }

  async take(state: string, now: Date): Promise<PendingLogin | null> {
    try {
      const { Attributes } = await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: marshall(pendingLoginKey(stateDigestOf(state))),
          ConditionExpression: `attribute_exists(${TABLE_DESIGN.partitionKey})`,
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (!Attributes) return null;
      const { verifier, returnTo, endsAt } = unmarshall(Attributes) as Record<string, unknown>;
      if (typeof verifier !== 'string' || typeof returnTo !== 'string' || typeof endsAt !== 'string') {
        return null;
      }
      return endsAt > now.toISOString() ? { verifier, returnTo, expiresAt: endsAt } : null;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }
}
