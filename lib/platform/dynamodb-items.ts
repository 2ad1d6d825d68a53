import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

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

/** An adapter of the single table: the client it talks through and the table's name. */
export abstract class TableAdapter {
  constructor(
    protected readonly client: DynamoDBClient,
    protected readonly tableName: string,
  ) {}
}

/** A transaction refused because the condition of its first item no longer held: it happened already. */
export const failedFirstCondition = (error: unknown): boolean =>
  error instanceof TransactionCanceledException &&
  error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
