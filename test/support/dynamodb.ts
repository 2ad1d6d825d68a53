import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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
