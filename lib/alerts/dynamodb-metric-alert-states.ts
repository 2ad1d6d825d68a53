import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { metricStateKey } from '../platform/table-design.js';
import type { MetricAlertState } from './metric-alert.js';
import type { MetricAlertStates } from './ports.js';

/** One item per metric rule, written with an optimistic lock on its version. */
export class DynamoDbMetricAlertStates implements MetricAlertStates {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async get(ruleKey: string): Promise<MetricAlertState | null> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall(metricStateKey(ruleKey)),
        ConsistentRead: true,
      }),
    );
    if (!Item) return null;
    const { pk: _pk, sk: _sk, type: _type, ...state } = unmarshall(Item);
    return state as MetricAlertState;
  }

  async put(ruleKey: string, state: MetricAlertState, expectedVersion: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(
            { ...state, ...metricStateKey(ruleKey), type: 'metric-alert-state' },
            { removeUndefinedValues: true },
          ),
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: marshall({ ':expected': expectedVersion }),
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
