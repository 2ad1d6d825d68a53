import {
  type AttributeValue,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  type QueryCommandOutput,
  UpdateItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { itemOf, readItem, TableAdapter } from '../platform/dynamodb-items.js';
import { expiryOf, type Retention } from '../platform/retention.js';
import { answerListedKey, answerListPartition, listingMarkerKey } from '../platform/table-design.js';
import { SurveySchema } from '../surveys/scales.js';
import { entryFromStored, type FeedbackEntry, type ListedEntry, type ListingPosition } from './entry.js';
import { facetsOf, passes } from './facets.js';
import type { FeedbackStore, ListingRead } from './ports.js';

/** Refused once an erasure marked the answer. */
const NOT_ERASED = 'attribute_not_exists(erasedAt)';

/** BatchWriteItem takes at most 25 requests. */
const BATCH_SIZE = 25;
/** Tries of a batch's unprocessed requests before the change fails (and the stream retries it). */
const BATCH_ATTEMPTS = 8;
/** Items read per query when a residual filter keeps only some of them. */
const FILTERED_PAGE = 100;

/** An entry's copy in one facet, as the table keeps it. */
export const listedItemOf = (
  invitationId: string,
  entry: FeedbackEntry,
  facet: string,
  retention?: Retention,
): Record<string, AttributeValue> =>
  itemOf({
    ...answerListedKey(entry.survey, facet, entry.answeredAt, invitationId),
    type: 'answer-listed',
    ...entry,
    ...expiryOf(entry.answeredAt, retention),
  });

/**
 * Puts and deletes in batches of 25, all at once, each batch's unprocessed requests tried again with
 * a growing pause; throws when some are still unprocessed after that, so the change is retried whole.
 */
export const writeInBatches = async (
  client: DynamoDBClient,
  tableName: string,
  requests: WriteRequest[],
): Promise<void> => {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_SIZE) batches.push(requests.slice(i, i + BATCH_SIZE));
  await Promise.all(
    batches.map(async (batch) => {
      let pending = batch;
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt === BATCH_ATTEMPTS) {
          throw new Error(`${pending.length} listing writes still unprocessed after ${attempt} attempts`);
        }
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
        const { UnprocessedItems } = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }),
        );
        pending = UnprocessedItems?.[tableName] ?? [];
      }
    }),
  );
};

const skOf = ({ answeredAt, invitationId }: ListingPosition): string => `${answeredAt}#${invitationId}`;

const positionOf = (sk: string): ListingPosition => {
  const split = sk.indexOf('#');
  return { answeredAt: sk.slice(0, split), invitationId: sk.slice(split + 1) };
};

/** The month before a YYYY-MM month. */
const monthBefore = (month: string): string => {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - 1);
  return date.toISOString().slice(0, 7);
};

/** What an answer is listed under now, as its marker keeps it beside the answer. */
const ListingMarkerSchema = z.object({
  survey: SurveySchema,
  answeredAt: z.string(),
  facets: z.array(z.string()),
  /** Set by an erasure: the answer is listed nowhere any more, and no keep lists it again. */
  erasedAt: z.string().optional(),
});

/**
 * The listing in the single table: each answer once per facet it is listed under
 * (`ANSWERS#<survey>#<YYYY-MM>#<facet>`, sort key `<answeredAt>#<invitationId>`), so that every filter
 * of a page is one key condition on one partition per month, read newest first; and beside each
 * answer, a marker of the facets it is listed under (`INV#<invitationId>` / `LISTED`), so that the
 * listing alone knows which copies an answer leaves.
 */
export class DynamoDbFeedbackStore extends TableAdapter implements FeedbackStore {
  async keep(invitationId: string, entry: FeedbackEntry | null): Promise<void> {
    const markerKey = listingMarkerKey(invitationId);
    const stored = await readItem(this.client, this.tableName, markerKey);
    const facets = entry ? facetsOf(entry) : [];
    const takeBack = async () => {
      if (entry) await this.takeBack(invitationId, entry);
    };
    // Erased: it is listed no more, and the copies a keep of this entry wrote before it failed (past
    // the erasure, which deletes only those the marker names) are taken back.
    if (stored?.erasedAt !== undefined) return takeBack();
    const listed = stored ? ListingMarkerSchema.parse(stored) : null;
    const puts = entry ? facets.map((facet) => listedItemOf(invitationId, entry, facet, this.retention)) : [];
    const keyOf = (key: { pk?: string | undefined; sk?: string | undefined }) => `${key.pk}\n${key.sk}`;
    const kept = new Set(puts.map((item) => keyOf({ pk: item.pk?.S, sk: item.sk?.S })));
    const left = listed
      ? listed.facets
          .map((facet) => answerListedKey(listed.survey, facet, listed.answeredAt, invitationId))
          .filter((key) => !kept.has(keyOf(key)))
      : [];
    await writeInBatches(this.client, this.tableName, [
      ...puts.map((Item) => ({ PutRequest: { Item } })),
      ...left.map((key) => ({ DeleteRequest: { Key: marshall(key) } })),
    ]);
    // Last, once every copy is written: a keep that failed before this is retried whole, and finds
    // the copies it left still named here. Refused once an erasure marked the answer meanwhile: the
    // copies just written are taken back, since the erasure deleted only those the marker named.
    try {
      if (entry) {
        await this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: itemOf({
              ...markerKey,
              type: 'listing-marker',
              survey: entry.survey,
              answeredAt: entry.answeredAt,
              facets,
              ...expiryOf(entry.answeredAt, this.retention),
            }),
            ConditionExpression: NOT_ERASED,
          }),
        );
      } else if (listed) {
        await this.client.send(
          new DeleteItemCommand({
            TableName: this.tableName,
            Key: marshall(markerKey),
            ConditionExpression: NOT_ERASED,
          }),
        );
      }
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      await takeBack();
    }
  }

  async takeBack(invitationId: string, entry: FeedbackEntry): Promise<void> {
    await writeInBatches(
      this.client,
      this.tableName,
      facetsOf(entry).map((facet) => ({
        DeleteRequest: {
          Key: marshall(answerListedKey(entry.survey, facet, entry.answeredAt, invitationId)),
        },
      })),
    );
  }

  async erase(invitationId: string, at: Date): Promise<number> {
    const markerKey = listingMarkerKey(invitationId);
    const { Attributes } = await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: marshall(markerKey),
        UpdateExpression: 'SET #type = :type, erasedAt = if_not_exists(erasedAt, :at)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: marshall({ ':type': 'listing-marker', ':at': at.toISOString() }),
        ReturnValues: 'ALL_NEW',
      }),
    );
    // The marker keeps the facets it named (no one's data): an erasure retried after a crash deletes
    // the copies again.
    const listed = ListingMarkerSchema.partial().parse(Attributes ? unmarshall(Attributes) : {});
    if (!listed.survey || !listed.answeredAt || !listed.facets) return 0;
    const { survey, answeredAt } = listed;
    const keys = listed.facets.map((facet) => answerListedKey(survey, facet, answeredAt, invitationId));
    await writeInBatches(
      this.client,
      this.tableName,
      keys.map((key) => ({ DeleteRequest: { Key: marshall(key) } })),
    );
    return keys.length;
  }

  async newest(read: ListingRead): Promise<ListedEntry[]> {
    // Every first answer of `from` and after sorts above the bare day; every one of `to`, below `to~`.
    const lowest = read.from;
    const end = `${read.to}~`;
    const after = read.after ? skOf(read.after) : undefined;
    const highest = after !== undefined && after < end ? after : end;
    const found: ListedEntry[] = [];
    if (highest < lowest) return found;
    for (
      let month = highest.slice(0, 7);
      month >= lowest.slice(0, 7) && found.length < read.limit;
      month = monthBefore(month)
    ) {
      const pk = answerListPartition(read.survey, month, read.facet);
      // The previous page's last entry bounds the range, and is read once more and skipped: one item,
      // where a start key on the key condition's own bound is an edge DynamoDB is strict about.
      let overlap = highest === after ? 1 : 0;
      let start: QueryCommandOutput['LastEvaluatedKey'];
      do {
        const need = read.limit - found.length;
        const page: QueryCommandOutput = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lowest AND :highest',
            ExpressionAttributeValues: marshall({ ':pk': pk, ':lowest': lowest, ':highest': highest }),
            ScanIndexForward: false,
            Limit: (read.residual ? Math.max(need, FILTERED_PAGE) : need) + overlap,
            ExclusiveStartKey: start,
          }),
        );
        overlap = 0;
        for (const item of page.Items ?? []) {
          const { sk, ...stored } = unmarshall(item) as { sk: string };
          const entry = entryFromStored(stored);
          if (sk === after || (read.residual && !passes(entry, read.residual))) continue;
          if (found.length < read.limit) found.push({ position: positionOf(sk), entry });
        }
        start = page.LastEvaluatedKey;
      } while (start && found.length < read.limit);
    }
    return found;
  }
}
