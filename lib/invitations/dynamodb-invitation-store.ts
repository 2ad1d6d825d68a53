import { ConditionalCheckFailedException, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { fieldsOf, itemOf, readItem, TableAdapter } from '../platform/dynamodb-items.js';
import { expiryOf } from '../platform/retention.js';
import { invitationKey } from '../platform/table-design.js';
import type { Invitation, InvitationFields } from './invitation.js';
import type { InvitationStore } from './ports.js';

/** Invitations in the single table, one item each, keyed by invitation id. */
export class DynamoDbInvitationStore extends TableAdapter implements InvitationStore {
  async create(invitation: Invitation): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: itemOf({
            ...invitation,
            ...invitationKey(invitation.invitationId),
            type: 'invitation',
            ...expiryOf(invitation.createdAt, this.retention),
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(invitationId: string): Promise<Invitation | null> {
    const item = await readItem(this.client, this.tableName, invitationKey(invitationId));
    return item ? (fieldsOf(item) as unknown as Invitation) : null;
  }

  async transition(
    invitationId: string,
    from: Invitation['status'],
    to: Invitation['status'],
    fields: InvitationFields = {},
    remove: readonly (keyof Invitation)[] = [],
  ): Promise<boolean> {
    const set = Object.entries({ ...fields, status: to }).filter(([, value]) => value !== undefined);
    const removing = remove.filter((name) => !(name in fields));
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall(invitationKey(invitationId)),
          UpdateExpression: [
            `SET ${set.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
            removing.length > 0 ? `REMOVE ${removing.map((_, i) => `#r${i}`).join(', ')}` : '',
          ].join(' '),
          // An erased invitation moves no more: a send or a reply in flight cannot bring its person back.
          ConditionExpression: '#status = :from AND attribute_not_exists(erasedAt)',
          ExpressionAttributeNames: {
            '#status': 'status',
            ...Object.fromEntries(set.map(([name], i) => [`#f${i}`, name])),
            ...Object.fromEntries(removing.map((name, i) => [`#r${i}`, name])),
          },
          ExpressionAttributeValues: marshall({
            ':from': from,
            ...Object.fromEntries(set.map(([, value], i) => [`:v${i}`, value])),
          }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
