import {
  type AttributeValue,
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { readItem, sendTransaction, TableAdapter } from '../platform/dynamodb-items.js';
import { expiryOf, type Retention } from '../platform/retention.js';
import type { SecretSource } from '../platform/secret.js';
import { invitationKey, lastSentKey, responseKey, suppressionKey } from '../platform/table-design.js';
import { type ContactKey, type ErasedContactKey, erasedKeyOf, type PersonKey } from './contact-keys.js';
import type { ClaimResult, ContactLedger, SendClaim } from './ports.js';
import {
  REPLACED_BY,
  type Suppression,
  type SuppressionCheck,
  type SuppressionReason,
} from './suppression.js';

/** Marks a last-send item that had no earlier send, so that giving a claim back deletes it. */
const NONE = '-';

/**
 * Suppressions and last sends in the single table, one item per key. A send is claimed in one
 * transaction: the invitation's state, every suppression check and every fatigue mark, so that an
 * unsubscribe or a second invitation to the same person between the checks and the send cannot slip
 * through.
 */
export class DynamoDbContactLedger extends TableAdapter implements ContactLedger {
  constructor(
    client: DynamoDBClient,
    tableName: string,
    retention?: Retention,
    private readonly options: { erasedKeyOf?: (key: ContactKey) => Promise<ErasedContactKey> } = {},
  ) {
    super(client, tableName, retention);
  }

  /**
   * The checks as the table holds them: each key, and its keyed hash, under which an erasure keeps the
   * suppression of an address or number it removed.
   */
  private async withErased(checks: readonly SuppressionCheck[]): Promise<StoredCheck[]> {
    const { erasedKeyOf } = this.options;
    if (!erasedKeyOf) return [...checks];
    const erased = await Promise.all(
      checks.map(async (check) => ({ ...check, key: await erasedKeyOf(check.key) })),
    );
    return [...checks, ...erased];
  }

  async suppressionOf(asked: readonly SuppressionCheck[]): Promise<Suppression | null> {
    const checks = await this.withErased(asked);
    const items = await this.batchGet(checks.map((check) => suppressionKey(check.key)));
    for (const check of checks) {
      const item = items.get(suppressionKey(check.key).pk);
      if (item && !check.except.includes(item.reason as SuppressionReason)) return suppressionOf(item);
    }
    return null;
  }

  async lastSendOf(keys: readonly PersonKey[]) {
    const items = await this.batchGet(unique(keys).map(lastSentKey));
    let latest: { key: PersonKey; at: string; invitationId: string } | null = null;
    for (const key of unique(keys)) {
      const item = items.get(lastSentKey(key).pk);
      if (item && (!latest || String(item.lastSentAt) > latest.at)) {
        latest = { key, at: String(item.lastSentAt), invitationId: String(item.invitationId) };
      }
    }
    return latest;
  }

  async suppress(suppression: Suppression): Promise<void> {
    const replaced = REPLACED_BY[suppression.reason];
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(
            { ...suppressionKey(suppression.key), type: 'suppression', ...suppression },
            { removeUndefinedValues: true },
          ),
          // A weaker reason never replaces a stronger one: a STOP must not turn a complaint into
          // something START lifts, and a bounce must not narrow an unsubscribe to email alone.
          ConditionExpression: `attribute_not_exists(pk) OR #reason IN (${replaced.map((_, i) => `:l${i}`).join(', ')})`,
          ExpressionAttributeNames: { '#reason': 'reason' },
          ExpressionAttributeValues: marshall(Object.fromEntries(replaced.map((r, i) => [`:l${i}`, r]))),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async lift(key: ContactKey, reasons: readonly SuppressionReason[]): Promise<boolean> {
    if (reasons.length === 0) return false;
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: marshall(suppressionKey(key)),
          ConditionExpression: `#reason IN (${reasons.map((_, i) => `:r${i}`).join(', ')})`,
          ExpressionAttributeNames: { '#reason': 'reason' },
          ExpressionAttributeValues: marshall(Object.fromEntries(reasons.map((r, i) => [`:r${i}`, r]))),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async claimSend(claim: SendClaim): Promise<ClaimResult> {
    const at = claim.at.toISOString();
    const kinds: ('invitation' | 'answer' | 'suppression' | 'fatigue')[] = [];
    const items: TransactWriteItem[] = [];
    const add = (kind: (typeof kinds)[number], item: TransactWriteItem) => {
      kinds.push(kind);
      items.push(item);
    };
    if (claim.kind === 'invitation') {
      add('invitation', {
        Update: {
          TableName: this.tableName,
          Key: marshall(invitationKey(claim.invitationId)),
          UpdateExpression: 'SET #status = :sending, claimedAt = :at',
          ConditionExpression: '#status = :scheduled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({
            ':sending': 'sending',
            ':scheduled': 'scheduled',
            ':at': at,
          }),
        },
      });
    } else {
      add('invitation', {
        Update: {
          TableName: this.tableName,
          Key: marshall(invitationKey(claim.invitationId)),
          UpdateExpression: 'SET reminderClaimedAt = :at',
          ConditionExpression:
            '#status = :sent AND attribute_exists(reminderDueAt) AND attribute_not_exists(reminderSentAt) AND (attribute_not_exists(reminderClaimedAt) OR reminderClaimedAt < :cutoff)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({
            ':sent': 'sent',
            ':at': at,
            ':cutoff': claim.leaseCutoff.toISOString(),
          }),
        },
      });
      add('answer', {
        ConditionCheck: {
          TableName: this.tableName,
          Key: marshall(responseKey(claim.invitationId)),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    for (const check of uniqueBy(await this.withErased(claim.suppression), (c) => c.key)) {
      add('suppression', {
        ConditionCheck: {
          TableName: this.tableName,
          Key: marshall(suppressionKey(check.key)),
          ConditionExpression:
            check.except.length === 0
              ? 'attribute_not_exists(pk)'
              : `attribute_not_exists(pk) OR #reason IN (${check.except.map((_, i) => `:e${i}`).join(', ')})`,
          ...(check.except.length === 0
            ? {}
            : {
                ExpressionAttributeNames: { '#reason': 'reason' },
                ExpressionAttributeValues: marshall(
                  Object.fromEntries(check.except.map((r, i) => [`:e${i}`, r])),
                ),
              }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    if (claim.kind === 'invitation') {
      // The last send names the person in its key: it goes with their other raw items.
      const expiry = expiryOf(at, this.retention);
      for (const key of unique(claim.fatigueKeys)) {
        add('fatigue', {
          Update: {
            TableName: this.tableName,
            Key: marshall(lastSentKey(key)),
            UpdateExpression: `SET #type = :type, previousSentAt = if_not_exists(lastSentAt, :none), previousInvitationId = if_not_exists(invitationId, :none), lastSentAt = :at, invitationId = :me${expiry.expiresAt === undefined ? '' : ', expiresAt = :expiresAt'}`,
            // The fatigue rule of contact-policy.ts (isFatigued), as DynamoDB can check it in the claim.
            ConditionExpression: 'attribute_not_exists(pk) OR lastSentAt <= :since OR invitationId = :me',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: marshall({
              ':type': 'last-send',
              ':none': NONE,
              ':at': at,
              ':me': claim.invitationId,
              ':since': claim.fatigueSince.toISOString(),
              ...(expiry.expiresAt === undefined ? {} : { ':expiresAt': expiry.expiresAt }),
            }),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        });
      }
    }
    try {
      // An answer being saved checks the invitation in a transaction too: a meeting is sent again.
      await sendTransaction(this.client, items);
      return { outcome: 'claimed' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const failed = (error.CancellationReasons ?? [])
        .map((reason, index) => ({ reason, kind: kinds[index] }))
        .filter(({ reason }) => reason.Code === 'ConditionalCheckFailed');
      // Anything else (a conflicting transaction in flight) is worth a retry by the queue.
      if (failed.length === 0) throw error;
      if (failed.some(({ kind }) => kind === 'invitation')) return { outcome: 'lost' };
      if (failed.some(({ kind }) => kind === 'answer')) return { outcome: 'answered' };
      const suppressed = failed.find(({ kind }) => kind === 'suppression');
      if (suppressed) {
        const item = suppressed.reason.Item ? unmarshall(suppressed.reason.Item) : null;
        const found = item ? suppressionOf(item) : await this.suppressionOf(claim.suppression);
        if (found) return { outcome: 'suppressed', suppression: found };
        throw error;
      }
      const fatigued = failed.find(({ kind }) => kind === 'fatigue');
      const item = fatigued?.reason.Item ? unmarshall(fatigued.reason.Item) : null;
      const latest = item
        ? { key: String(item.pk).slice('CONTACT#'.length) as PersonKey, at: String(item.lastSentAt) }
        : await this.lastSendOf(claim.fatigueKeys);
      if (latest) return { outcome: 'fatigued', key: latest.key, lastSentAt: latest.at };
      throw error;
    }
  }

  async releaseSend(invitationId: string, fatigueKeys: readonly PersonKey[]): Promise<void> {
    for (const key of unique(fatigueKeys)) {
      const item = await readItem(this.client, this.tableName, lastSentKey(key));
      if (!item || item.invitationId !== invitationId) continue;
      try {
        if (item.previousSentAt === NONE) {
          await this.client.send(
            new DeleteItemCommand({
              TableName: this.tableName,
              Key: marshall(lastSentKey(key)),
              ConditionExpression: 'invitationId = :me',
              ExpressionAttributeValues: marshall({ ':me': invitationId }),
            }),
          );
        } else {
          await this.client.send(
            new UpdateItemCommand({
              TableName: this.tableName,
              Key: marshall(lastSentKey(key)),
              // One level of history is kept: the restored send has no known send before it.
              UpdateExpression:
                'SET lastSentAt = :previous, invitationId = :previousInvitation, previousSentAt = :none, previousInvitationId = :none',
              ConditionExpression: 'invitationId = :me',
              ExpressionAttributeValues: marshall({
                ':previous': item.previousSentAt,
                ':previousInvitation': item.previousInvitationId,
                ':me': invitationId,
                ':none': NONE,
              }),
            }),
          );
        }
      } catch (error) {
        // Another invitation claimed the key meanwhile: its mark stands.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }

  private async batchGet(keys: { pk: string; sk: string }[]): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    if (keys.length === 0) return found;
    let pending: Record<string, AttributeValue>[] | undefined = keys.map((key) => marshall(key));
    while (pending && pending.length > 0) {
      const answer: BatchGetItemCommandOutput = await this.client.send(
        new BatchGetItemCommand({
          RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      for (const item of answer.Responses?.[this.tableName] ?? []) {
        const value = unmarshall(item);
        found.set(String(value.pk), value);
      }
      pending = answer.UnprocessedKeys?.[this.tableName]?.Keys;
    }
    return found;
  }
}

/** A suppression check as stored: under the key, or under its keyed hash once erased. */
type StoredCheck = Omit<SuppressionCheck, 'key'> & { key: ContactKey | ErasedContactKey };

/** Finds keys' erased suppressions with the stage's signing key (see erasedKeyOf). */
export const erasedKeysWith =
  (secret: SecretSource) =>
  async (key: ContactKey): Promise<ErasedContactKey> =>
    erasedKeyOf(key, await secret());

const suppressionOf = (item: Record<string, unknown>): Suppression => ({
  key: String(item.key) as ContactKey | ErasedContactKey,
  reason: item.reason as SuppressionReason,
  at: String(item.at),
  ...(item.source ? { source: String(item.source) } : {}),
});

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
const uniqueBy = <T>(values: readonly T[], keyOf: (value: T) => string): T[] => {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = keyOf(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
