import { randomUUID } from 'node:crypto';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { inject } from 'vitest';
import { ensureTable, LOCAL_AWS } from '../../infra/local/dynamodb-local.js';

/** A fresh table, designed like the deployed one, in the shared DynamoDB Local. */
export const freshTable = async () => {
  const endpoint = inject('dynamoDbEndpoint');
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  const tableName = `test-${randomUUID()}`;
  const streamArn = await ensureTable(client, tableName);
  return { client, tableName, streamArn, endpoint };
};

/** Every item of a table (a local runtime's), read whole, for tests that look underneath the routes. */
export const everyItemOf = async ({
  dynamoDbEndpoint,
  tableName,
}: {
  dynamoDbEndpoint: string;
  tableName: string;
}): Promise<Record<string, unknown>[]> => {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamoDbEndpoint });
  const items: Record<string, unknown>[] = [];
  try {
    for await (const page of paginateScan({ client }, { TableName: tableName })) {
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    }
  } finally {
    client.destroy();
  }
  return items;
};
