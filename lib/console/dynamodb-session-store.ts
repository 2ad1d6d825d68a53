import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { fieldsOf, itemOf, readItem, TableAdapter } from '../platform/dynamodb-items.js';
import { sessionKey } from '../platform/table-design.js';
import { type Session, type SessionStore, sessionDigestOf } from './sessions.js';

/**
 * Sessions in the single table, under a digest of their id, each removed by the table's time to live
 * a day after it expires (and refused from the moment it does).
 */
export class DynamoDbSessionStore extends TableAdapter implements SessionStore {
  async find(sessionId: string, now: Date): Promise<Session | null> {
    const item = await readItem(this.client, this.tableName, sessionKey(sessionDigestOf(sessionId)));
    if (!item) return null;
    const { expiresAt: _expiresAt, ...session } = fieldsOf(item) as unknown as Session & {
      expiresAt?: number;
    };
    return session.endsAt > now.toISOString() ? session : null;
  }

  async keep(sessionId: string, session: Session): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: itemOf({
          ...sessionKey(sessionDigestOf(sessionId)),
          type: 'console-session',
          ...session,
          // The table's time to live, in epoch seconds.
          expiresAt: Math.ceil(Date.parse(session.endsAt) / 1000) + 86_400,
        }),
      }),
    );
  }

  async end(sessionId: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: marshall(sessionKey(sessionDigestOf(sessionId))),
      }),
    );
  }
}
