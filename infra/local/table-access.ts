import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { partitionPattern, TABLE_DESIGN } from '../../lib/platform/table-design.js';
import { type TableAccess, type TableGrant, tableGrantsOf } from '../wiring.js';

type Value = { S?: string };
type Item = Record<string, Value>;
type Input = Record<string, unknown>;

/** One action a request is authorized for, with the partition keys it touches (IAM's `dynamodb:LeadingKeys`). */
interface Asked {
  action: string;
  keys: string[];
  /** A request to a secondary index, which no grant names. */
  index?: true;
}

const partitionOf = (item: Item | undefined): string[] => {
  const value = item?.[TABLE_DESIGN.partitionKey]?.S;
  return value === undefined ? [] : [value];
};

/** The partition key a query's key condition binds (`pk = :pk`, or through a name placeholder). */
const queriedPartition = (input: Input): string[] => {
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Item;
  for (const [, name, placeholder] of String(input.KeyConditionExpression ?? '').matchAll(
    /(#?\w+)\s*=\s*(:\w+)/g,
  )) {
    if ((names[name as string] ?? name) === TABLE_DESIGN.partitionKey) {
      return partitionOf({ [TABLE_DESIGN.partitionKey]: values[placeholder as string] ?? {} });
    }
  }
  return [];
};

const TRANSACT_WRITE_ACTIONS = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
} as const;

/**
 * What DynamoDB authorizes a request as: its action and keys, or, for a transaction, each contained
 * action on its own key; a batch's keys together.
 */
export const askedBy = (command: string, input: Input): Asked[] => {
  const action = command.replace(/Command$/, '');
  switch (action) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [{ action, keys: partitionOf(input.Key as Item) }];
    case 'PutItem':
      return [{ action, keys: partitionOf(input.Item as Item) }];
    case 'Query':
      return [
        { action, keys: queriedPartition(input), ...(input.IndexName ? { index: true as const } : {}) },
      ];
    case 'BatchGetItem':
      return [
        {
          action,
          keys: Object.values((input.RequestItems ?? {}) as Record<string, { Keys: Item[] }>).flatMap(
            (request) => request.Keys.flatMap(partitionOf),
          ),
        },
      ];
    case 'BatchWriteItem':
      return [
        {
          action,
          keys: Object.values(
            (input.RequestItems ?? {}) as Record<
              string,
              { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]
            >,
          ).flatMap((requests) =>
            requests.flatMap((request) =>
              partitionOf(request.PutRequest?.Item ?? request.DeleteRequest?.Key),
            ),
          ),
        },
      ];
    case 'TransactWriteItems':
      return ((input.TransactItems ?? []) as Record<string, { Key?: Item; Item?: Item }>[]).flatMap((entry) =>
        Object.entries(entry).map(([kind, request]) => ({
          action: TRANSACT_WRITE_ACTIONS[kind as keyof typeof TRANSACT_WRITE_ACTIONS] ?? kind,
          keys: partitionOf(request.Key ?? request.Item),
        })),
      );
    case 'TransactGetItems':
      return ((input.TransactItems ?? []) as { Get: { Key: Item } }[]).map((entry) => ({
        action: 'GetItem',
        keys: partitionOf(entry.Get.Key),
      }));
    default:
      return [{ action, keys: [] }];
  }
};

/** `StringLike`: `*` any run of characters, `?` any one. */
const matches = (value: string, pattern: string): boolean =>
  new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
    's',
  ).test(value);

/**
 * Why `access` does not allow the request, as IAM would refuse it (the action not granted, a key
 * outside the partitions, an index), or null when it does. Each grant is a statement of its own: one
 * of them must allow the action on every key the request touches.
 */
export const refusalOf = (access: TableAccess | undefined, command: string, input: Input): string | null => {
  const grants = access ? tableGrantsOf(access) : [];
  for (const asked of askedBy(command, input)) {
    const granting = grants.filter((grant) =>
      grant.actions.includes(asked.action as TableAccess['actions'][number]),
    );
    if (granting.length === 0) return `may not ${asked.action} on the table`;
    if (asked.index) return `may not ${asked.action} an index`;
    const outsideOf = (grant: TableGrant) => {
      const patterns = grant.partitions.map(partitionPattern);
      return asked.keys.find((key) => !patterns.some((pattern) => matches(key, pattern)));
    };
    const outside = granting.map(outsideOf);
    if (!outside.includes(undefined)) return `may not ${asked.action} under ${outside[0]}`;
  }
  return null;
};

/**
 * A client of the table that refuses, as IAM does on AWS, every request beyond what `access` grants
 * the function `name`: locally, a function that reaches past its wiring fails the way it would deployed.
 */
export const tableClientHeldTo = (
  config: DynamoDBClientConfig,
  name: string,
  access: TableAccess | undefined,
): DynamoDBClient => {
  const client = new DynamoDBClient(config);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const refusal = refusalOf(access, context.commandName ?? '', args.input as Input);
      if (refusal) {
        throw Object.assign(new Error(`${name} ${refusal}`), { name: 'AccessDeniedException' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'tableAccess' },
  );
  return client;
};
