import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { smsInboundKey, smsMessageKey, smsSentKey } from '../../platform/table-design.js';
import { SURVEY_OPEN_DAYS } from '../invitation.js';
import type { SmsConversations } from '../ports.js';

/** Conversation items outlive the survey by a week, then TTL removes them. */
const KEEP_SECONDS = (SURVEY_OPEN_DAYS + 7) * 86_400;

/**
 * The lookups an inbound SMS needs, in the single table: each invitation SMS under its SNS message id
 * and under the number (sorted by send time), and each inbound message id once handled.
 */
export class DynamoDbSmsConversations implements SmsConversations {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async recordSent(sent: {
    phone: string;
    invitationId: string;
    messageId: string;
    sentAt: Date;
  }): Promise<void> {
    const sentAt = sent.sentAt.toISOString();
    const expiresAt = Math.floor(sent.sentAt.getTime() / 1000) + KEEP_SECONDS;
    const item = {
      type: 'sms-sent',
      invitationId: sent.invitationId,
      messageId: sent.messageId,
      sentAt,
      expiresAt,
    };
    await this.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: marshall({ ...smsSentKey(sent.phone, sentAt, sent.invitationId), ...item }),
            },
          },
          {
            Put: { TableName: this.tableName, Item: marshall({ ...smsMessageKey(sent.messageId), ...item }) },
          },
        ],
      }),
    );
  }

  async invitationOfMessage(messageId: string): Promise<string | null> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall(smsMessageKey(messageId)),
        ConsistentRead: true,
      }),
    );
    return Item ? String(unmarshall(Item).invitationId) : null;
  }

  async latestInvitationsTo(phone: string, limit: number): Promise<string[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sms)',
        ExpressionAttributeValues: marshall({ ':pk': `CONTACT#phone:${phone}`, ':sms': 'SMS#' }),
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => String(unmarshall(item).invitationId));
  }

  async claimInbound(inboundMessageId: string, at: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({
            ...smsInboundKey(inboundMessageId),
            type: 'sms-inbound',
            status: 'handling',
            claimedAt: at.toISOString(),
            expiresAt: Math.floor(at.getTime() / 1000) + KEEP_SECONDS,
          }),
          // A handler that died half-way left `handling`: the redelivery does the work again.
          ConditionExpression: 'attribute_not_exists(pk) OR #status <> :handled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':handled': 'handled' }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markInboundHandled(inboundMessageId: string, outcome: string, at: Date): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: marshall(smsInboundKey(inboundMessageId)),
        UpdateExpression: 'SET #status = :handled, outcome = :outcome, handledAt = :at',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({
          ':handled': 'handled',
          ':outcome': outcome,
          ':at': at.toISOString(),
        }),
      }),
    );
  }
}
