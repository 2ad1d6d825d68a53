import { ConditionalCheckFailedException, DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ContactKey, ErasedContactKey, PersonKey } from '../contacts/contact-keys.js';
import type { Suppression, SuppressionReason } from '../contacts/suppression.js';
import { responseFromItem } from '../invitations/dynamodb-response-store.js';
import type { Invitation } from '../invitations/invitation.js';
import { fieldsOf, itemOf, queryAll, readItem, TableAdapter } from '../platform/dynamodb-items.js';
import {
  contactPartition,
  followUpPartition,
  invitationKey,
  PERSON_INDEX_PREFIX,
  peopleAuditKey,
  responseKey,
  SMS_SENT_PREFIX,
  suppressionKey,
} from '../platform/table-design.js';
import { erasedInvitation, erasedResponse } from './erased.js';
import type { ErasureInProgress, PeopleAuditRecord, PersonalData } from './ports.js';

/** How often an item is read again when a write got in between the read and the scrub. */
const ATTEMPTS = 5;
/** How long an erasure's findings are kept when it fails and is never retried. */
const IN_PROGRESS_SECONDS = 30 * 86_400;

const erasureInProgressKey = (requestKey: string) => ({
  pk: contactPartition(`erasing:${requestKey}`),
  sk: 'ERASURE',
});

/**
 * A person's raw items in the single table, scrubbed in place: each read, scrubbed in code (see
 * erased.ts) and put back whole on the condition that nothing changed it meanwhile and it is not
 * erased yet, so that the stream carries whole images (which its readers recognise by `erasedAt` and
 * leave alone) and a write in flight never mixes with the scrub.
 */
export class DynamoDbPersonalData extends TableAdapter implements PersonalData {
  async eraseInvitation(
    invitationId: string,
    at: Date,
    hashOf: (key: ContactKey) => ErasedContactKey,
  ): Promise<boolean> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const item = await readItem(this.client, this.tableName, invitationKey(invitationId));
      if (!item || item.erasedAt !== undefined) return false;
      const { pk, sk, type, expiresAt } = item;
      const scrubbed = erasedInvitation(fieldsOf(item) as unknown as Invitation, at, hashOf);
      if (
        await this.putOver({ ...scrubbed, pk, sk, type, expiresAt }, '#status = :status', {
          ':status': String(item.status),
        })
      ) {
        return true;
      }
    }
    throw new Error(`invitation ${invitationId} kept changing while it was erased`);
  }

  async eraseResponse(invitationId: string, at: Date): Promise<boolean> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const item = await readItem(this.client, this.tableName, responseKey(invitationId));
      if (!item || item.erasedAt !== undefined) return false;
      const { pk, sk, type, expiresAt } = item;
      const scrubbed = erasedResponse(responseFromItem(item), at);
      if (
        await this.putOver({ ...scrubbed, pk, sk, type, expiresAt }, 'updatedAt = :updatedAt', {
          ':updatedAt': String(item.updatedAt),
        })
      ) {
        return true;
      }
    }
    throw new Error(`the answer of ${invitationId} kept changing while it was erased`);
  }

  async forgetFollowUps(customerId: string): Promise<number> {
    const items = await this.partition(followUpPartition(customerId));
    await Promise.all(items.map((item) => this.delete(item)));
    return items.length;
  }

  async forgetContact(key: PersonKey, invitationIds: readonly string[]): Promise<number> {
    const items = await this.partition(contactPartition(key));
    const erased = new Set(invitationIds);
    const perInvitation = (item: Record<string, unknown>) =>
      String(item.sk).startsWith(PERSON_INDEX_PREFIX) || String(item.sk).startsWith(SMS_SENT_PREFIX);
    // Someone else's invitation still noted here (a shared mailbox or phone): the contact's own items
    // (its last send, its suppression) are theirs too and stay.
    const shared = items.some(
      (item) => String(item.sk).startsWith(PERSON_INDEX_PREFIX) && !erased.has(String(item.invitationId)),
    );
    const gone = items.filter((item) =>
      perInvitation(item) ? erased.has(String(item.invitationId)) : !shared,
    );
    await Promise.all(gone.map((item) => this.delete(item)));
    return gone.filter((item) => item.sk !== 'SUPPRESSION').length;
  }

  async suppressionsOf(key: PersonKey, invitationIds: readonly string[]): Promise<Suppression[]> {
    if (key.startsWith('customer:')) return [];
    const [item, noted] = await Promise.all([
      readItem(this.client, this.tableName, suppressionKey(key)),
      queryAll(this.client, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: marshall({ ':pk': contactPartition(key), ':prefix': PERSON_INDEX_PREFIX }),
        ConsistentRead: true,
      }),
    ]);
    const erased = new Set(invitationIds);
    if (!item || noted.some((entry) => !erased.has(String(entry.invitationId)))) return [];
    return [
      {
        key: item.key as Suppression['key'],
        reason: item.reason as SuppressionReason,
        at: String(item.at),
        ...(item.source ? { source: String(item.source) } : {}),
      },
    ];
  }

  async erasureInProgress(requestKey: string): Promise<ErasureInProgress | null> {
    const item = await readItem(this.client, this.tableName, erasureInProgressKey(requestKey));
    return item ? { keys: item.keys as PersonKey[], invitationIds: item.invitationIds as string[] } : null;
  }

  async holdErasure(requestKey: string, found: ErasureInProgress, at: Date): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: itemOf({
          ...erasureInProgressKey(requestKey),
          type: 'erasure-in-progress',
          ...found,
          expiresAt: Math.floor(at.getTime() / 1000) + IN_PROGRESS_SECONDS,
        }),
      }),
    );
  }

  async finishErasure(requestKey: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({ TableName: this.tableName, Key: marshall(erasureInProgressKey(requestKey)) }),
    );
  }

  async audit(record: PeopleAuditRecord): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: itemOf({ ...peopleAuditKey(record.at, record.requestId), type: 'people-audit', ...record }),
      }),
    );
  }

  /** Puts a scrubbed item over the one read, if it still stands as read and is not erased. */
  private async putOver(
    item: Record<string, unknown>,
    condition: string,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: itemOf(item),
          ConditionExpression: `${condition} AND attribute_not_exists(erasedAt)`,
          ...(condition.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ExpressionAttributeValues: marshall(values),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async delete(item: Record<string, unknown>): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk: String(item.pk), sk: String(item.sk) }),
      }),
    );
  }

  /** Every item of a partition: one person's, so a few. */
  private partition(pk: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': pk }),
      ConsistentRead: true,
    });
  }
}
