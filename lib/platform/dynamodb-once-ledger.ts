import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ClaimHeldError } from './errors.js';

export interface OnceLedgerOptions {
  /** Where the claim of a key is kept. */
  keyOf(key: string): { pk: string; sk: string };
  /** The item's `type`. */
  type: string;
  /**
   * How long a claim holds before another invocation may take the work over: longer than the
   * function that holds it can run, so a claim is only ever taken from a holder that is gone.
   */
  leaseMs: number;
  /** Seconds the item is kept after the claim, for keys that need no lasting record. */
  keepSeconds?: number;
  /** The item's `status` while claimed and once done, in the words of its kind (`publishing`, `published`). */
  statuses: { claimed: string; done: string };
}

/**
 * Work done once per key, whatever the retries, redeliveries and concurrent invocations: claim,
 * do it, then mark it done (the idempotency pattern of a claim with a lease). A claim succeeds when
 * there is no item, or when the last claim never completed and its lease ran out (its holder died);
 * a completed key answers false; a live claim of another invocation throws ClaimHeldError, so that
 * exactly one of two concurrent invocations proceeds and the other is retried after the lease. A
 * crash between doing the work and marking it can repeat the work once; a replay after it cannot.
 */
export class DynamoDbOnceLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly options: OnceLedgerOptions,
  ) {}

  /** True when this call holds the claim; false when the work was done already. */
  async claim(key: string, at: Date): Promise<boolean> {
    const { keyOf, type, leaseMs, keepSeconds, statuses } = this.options;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({
            ...keyOf(key),
            type,
            status: statuses.claimed,
            claimedAt: at.toISOString(),
            ...(keepSeconds ? { expiresAt: Math.floor(at.getTime() / 1000) + keepSeconds } : {}),
          }),
          ConditionExpression: 'attribute_not_exists(pk) OR (#status <> :done AND claimedAt <= :leaseCutoff)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({
            ':done': statuses.done,
            ':leaseCutoff': new Date(at.getTime() - leaseMs).toISOString(),
          }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const held = error.Item ? unmarshall(error.Item as Record<string, AttributeValue>) : undefined;
      if (held?.status === statuses.done) return false;
      throw new ClaimHeldError(`${key} is being handled by another invocation since ${held?.claimedAt}`);
    }
  }

  /**
   * Gives back a claim whose work failed, so that the retry proceeds at once instead of waiting for
   * the lease; a key done meanwhile stays done.
   */
  async release(key: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: marshall(this.options.keyOf(key)),
          ConditionExpression: '#status = :claimed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':claimed': this.options.statuses.claimed }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Marks the key done, with what the work produced (a message id, an outcome). */
  async complete(key: string, at: Date, result: Record<string, string>): Promise<void> {
    const names = Object.keys(result);
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: marshall(this.options.keyOf(key)),
        UpdateExpression: `SET #status = :done, ${this.options.statuses.done}At = :at${names.map((_, i) => `, #r${i} = :r${i}`).join('')}`,
        ExpressionAttributeNames: {
          '#status': 'status',
          ...Object.fromEntries(names.map((name, i) => [`#r${i}`, name])),
        },
        ExpressionAttributeValues: marshall({
          ':done': this.options.statuses.done,
          ':at': at.toISOString(),
          ...Object.fromEntries(names.map((name, i) => [`:r${i}`, result[name]])),
        }),
      }),
    );
  }
}
