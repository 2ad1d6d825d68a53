import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Write and read units reported by DynamoDB for every call made through one client. */
export interface CapacityMeter {
  writeUnits: number;
  readUnits: number;
  reset(): void;
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);
const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand']);
/**
 * DynamoDB Local counts a transaction's item as one unit where AWS charges two (a prepare and a
 * commit): its figure is doubled, AWS's rule.
 */
const TRANSACTIONS = new Set(['TransactWriteItemsCommand']);

/** Asks DynamoDB to report consumed capacity on every call and adds it up. */
export const meterCapacity = (client: DynamoDBClient): CapacityMeter => {
  const meter: CapacityMeter = {
    writeUnits: 0,
    readUnits: 0,
    reset() {
      meter.writeUnits = 0;
      meter.readUnits = 0;
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? '';
      const input = args.input as Record<string, unknown>;
      if (WRITES.has(name) || READS.has(name) || TRANSACTIONS.has(name))
        input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const entries = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as {
        CapacityUnits?: number;
      }[];
      const units = entries.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
      if (WRITES.has(name)) meter.writeUnits += units;
      if (TRANSACTIONS.has(name)) meter.writeUnits += 2 * units;
      if (READS.has(name)) meter.readUnits += units;
      return result;
    },
    { step: 'initialize', name: 'benchCapacityMeter' },
  );
  return meter;
};
