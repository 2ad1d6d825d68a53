import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Retention } from './retention.js';

/** One item of the table, read consistently (the write a caller just made is seen), or null. */
export const readItem = async (
  client: DynamoDBClient,
  tableName: string,
  key: { pk: string; sk: string },
): Promise<Record<string, unknown> | null> => {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: tableName, Key: marshall(key), ConsistentRead: true }),
  );
  return Item ? unmarshall(Item) : null;
};

/**
 * An item as DynamoDB stores it, undefined fields left out. Maps are told from class instances by
 * their type, not their `constructor` property: an integrator's attribute may be named `constructor`.
 */
export const itemOf = (fields: Record<string, unknown>): Record<string, AttributeValue> =>
  marshall(fields, { removeUndefinedValues: true, convertClassInstanceToMap: true });

/** An item's own fields, without the table's keys and its type. */
export const fieldsOf = (item: Record<string, unknown>): Record<string, unknown> => {
  const { pk: _pk, sk: _sk, type: _type, ...fields } = item;
  return fields;
};

/**
 * Every item a query finds, page after page, as plain objects: for partitions that stay small (one
 * person's, one customer's waits, a range of days).
 */
export const queryAll = async (
  client: DynamoDBClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page: QueryCommandOutput = await client.send(
      new QueryCommand({ ...input, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

/**
 * An adapter of the single table: the client it talks through, the table's name and, for an adapter
 * of raw items (invitations, answers, cases and what hangs on them), how long they are kept.
 */
export abstract class TableAdapter {
  constructor(
    protected readonly client: DynamoDBClient,
    protected readonly tableName: string,
    protected readonly retention?: Retention,
  ) {}
}

/** A transaction refused because the condition of its first item no longer held: it happened already. */
export const failedFirstCondition = (error: unknown): boolean =>
  error instanceof TransactionCanceledException &&
  error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';

/** Tries of a transaction that keeps meeting others. */
const CONFLICT_ATTEMPTS = 6;

/** Cancelled for a conflict with another transaction, and for no condition that failed. */
const conflictedOnly = (error: unknown): boolean => {
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
};

/**
 * Sends a transaction. DynamoDB cancels one that meets another transaction on an item
 * (TransactionConflict) and writes nothing of it, so it is sent again, a few times, after a short
 * random wait. A failed condition is never retried, and a conflict that outlasts the tries is thrown
 * as it came.
 */
export const sendTransaction = async (client: DynamoDBClient, items: TransactWriteItem[]): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || !conflictedOnly(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
    }
  }
};
