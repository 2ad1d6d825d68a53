import { ConditionalCheckFailedException, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { fieldsOf, readItem, TableAdapter } from '../platform/dynamodb-items.js';
import { metricStateKey } from '../platform/table-design.js';
import type { MetricAlertState } from './metric-alert.js';
import type { MetricAlertStates } from './ports.js';

/** One item per metric rule, written with an optimistic lock on its version. */
export class DynamoDbMetricAlertStates extends TableAdapter implements MetricAlertStates {
  async get(ruleKey: string): Promise<MetricAlertState | null> {
    const item = await readItem(this.client, this.tableName, metricStateKey(ruleKey));
    return item ? (fieldsOf(item) as unknown as MetricAlertState) : null;
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
