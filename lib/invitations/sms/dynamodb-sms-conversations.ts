import { type DynamoDBClient, QueryCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { readItem, sendTransaction } from '../../platform/dynamodb-items.js';
import { DynamoDbOnceLedger } from '../../platform/dynamodb-once-ledger.js';
import type { Retention } from '../../platform/retention.js';
import {
  contactPartition,
  invitationKey,
  SMS_SENT_PREFIX,
  smsInboundKey,
  smsMessageKey,
  smsSentKey,
} from '../../platform/table-design.js';
import { SURVEY_OPEN_DAYS } from '../invitation.js';
import type { SmsConversations } from '../ports.js';

/** Conversation items outlive the survey by a week, then TTL removes them (sooner with a shorter retention). */
const KEEP_SECONDS = (SURVEY_OPEN_DAYS + 7) * 86_400;

/**
 * The lookups an inbound SMS needs, in the single table: each invitation SMS under its SNS message id
 * and under the number (sorted by send time), and each inbound message id once handled.
 */
export class DynamoDbSmsConversations implements SmsConversations {
  /** Each inbound message is handled once, whatever SNS redelivers (see DynamoDbOnceLedger). */
  private readonly inbound: DynamoDbOnceLedger;

  /** How long its items are kept: the survey and a week, or the stage's retention if that is shorter. */
  private readonly keepSeconds: number;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    retention?: Retention,
  ) {
    this.keepSeconds = Math.min(KEEP_SECONDS, (retention?.days ?? Number.POSITIVE_INFINITY) * 86_400);
    this.inbound = new DynamoDbOnceLedger(client, tableName, {
      keyOf: smsInboundKey,
      type: 'sms-inbound',
      // Longer than record-sms-reply may run (10 s); SNS retries a failed delivery after a minute.
      leaseMs: 30_000,
      keepSeconds: this.keepSeconds,
      statuses: { claimed: 'handling', done: 'handled' },
    });
  }

  async recordSent(sent: {
    phone: string;
    invitationId: string;
    messageId: string;
    sentAt: Date;
  }): Promise<void> {
    const sentAt = sent.sentAt.toISOString();
    const expiresAt = Math.floor(sent.sentAt.getTime() / 1000) + this.keepSeconds;
    const item = {
      type: 'sms-sent',
      invitationId: sent.invitationId,
      messageId: sent.messageId,
      sentAt,
      expiresAt,
    };
    try {
      await sendTransaction(this.client, [
        {
          Put: {
            TableName: this.tableName,
            Item: marshall({ ...smsSentKey(sent.phone, sentAt, sent.invitationId), ...item }),
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: marshall({ ...smsMessageKey(sent.messageId), ...item }),
          },
        },
        // Not for an invitation whose person was erased while it was being sent: the number
        // would come back under its key.
        {
          ConditionCheck: {
            TableName: this.tableName,
            Key: marshall(invitationKey(sent.invitationId)),
            ConditionExpression: 'attribute_not_exists(erasedAt)',
          },
        },
      ]);
    } catch (error) {
      if (
        !(
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[2]?.Code === 'ConditionalCheckFailed'
        )
      )
        throw error;
    }
  }

  async invitationOfMessage(messageId: string): Promise<string | null> {
    const item = await readItem(this.client, this.tableName, smsMessageKey(messageId));
    return item ? String(item.invitationId) : null;
  }

  async latestInvitationsTo(phone: string, limit: number): Promise<string[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sms)',
        ExpressionAttributeValues: marshall({
          ':pk': contactPartition(`phone:${phone}`),
          ':sms': SMS_SENT_PREFIX,
        }),
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => String(unmarshall(item).invitationId));
  }

  claimInbound(inboundMessageId: string, at: Date): Promise<boolean> {
    return this.inbound.claim(inboundMessageId, at);
  }

  releaseInbound(inboundMessageId: string): Promise<void> {
    return this.inbound.release(inboundMessageId);
  }

  markInboundHandled(inboundMessageId: string, outcome: string, at: Date): Promise<void> {
    return this.inbound.complete(inboundMessageId, at, { outcome });
  }
}
