import {
  type Put,
  QueryCommand,
  type QueryCommandOutput,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { itemOf, readItem, TableAdapter } from '../platform/dynamodb-items.js';
import { CASE_LIST_PARTITION, caseKey, caseListKey } from '../platform/table-design.js';
import type { Case, CaseStatus } from './case.js';
import type { CaseStore } from './ports.js';

const caseItemOf = (kept: Case, key: { pk: string; sk: string }) => itemOf({ ...kept, ...key, type: 'case' });

const caseFrom = (item: Record<string, unknown>): Case => {
  const { pk: _pk, sk: _sk, type: _type, ...kept } = item;
  return kept as unknown as Case;
};

/**
 * Each case twice in the single table, written together: under its invitation, where its status is
 * changed conditionally, and in the listing partition, newest last, where leads page through them.
 * Cases come from unhappy answers only, so the listing partition stays far below a partition's limits.
 */
export class DynamoDbCaseStore extends TableAdapter implements CaseStore {
  async open(opened: Case): Promise<boolean> {
    try {
      await this.writeBoth(opened, { ConditionExpression: 'attribute_not_exists(pk)' });
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        return false;
      }
      throw error;
    }
  }

  /** The case under its invitation, on `condition`, and its copy in the listing partition, together. */
  private async writeBoth(kept: Case, condition: Omit<Put, 'TableName' | 'Item'>): Promise<void> {
    await this.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: caseItemOf(kept, caseKey(kept.caseId)), ...condition } },
          {
            Put: {
              TableName: this.tableName,
              Item: caseItemOf(kept, caseListKey(kept.openedAt, kept.caseId)),
            },
          },
        ],
      }),
    );
  }

  async get(caseId: string): Promise<Case | null> {
    const item = await readItem(this.client, this.tableName, caseKey(caseId));
    return item ? caseFrom(item) : null;
  }

  async transition(
    caseId: string,
    from: CaseStatus,
    to: CaseStatus,
    fields: Partial<Case>,
  ): Promise<boolean> {
    const current = await this.get(caseId);
    if (current?.status !== from) return false;
    const read = current.version;
    const next: Case = { ...current, ...fields, status: to, version: (read ?? 0) + 1 };
    try {
      // The whole case is written back, so it must be the case as read: its status and its version.
      // Two leads acknowledging at once, or a lead and a changed answer: the second is refused.
      await this.writeBoth(next, {
        ConditionExpression: `#status = :from AND ${read === undefined ? 'attribute_not_exists(version)' : 'version = :version'}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({
          ':from': from,
          ...(read === undefined ? {} : { ':version': read }),
        }),
      });
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
        // Two transitions racing on the same items: the loser is refused the same way.
        if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return false;
      }
      throw error;
    }
  }

  async list(filter: {
    status?: CaseStatus | undefined;
    team?: string | undefined;
    limit: number;
    after?: string | undefined;
  }): Promise<{ cases: Case[]; next?: string }> {
    const found: Case[] = [];
    let startKey: QueryCommandOutput['LastEvaluatedKey'] = filter.after
      ? marshall({ pk: CASE_LIST_PARTITION, sk: filter.after })
      : undefined;
    do {
      const page: QueryCommandOutput = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: marshall({
            ':pk': CASE_LIST_PARTITION,
            ...(filter.status ? { ':status': filter.status } : {}),
            ...(filter.team ? { ':team': filter.team } : {}),
          }),
          ...(filter.status || filter.team
            ? {
                FilterExpression: [
                  filter.status ? '#status = :status' : '',
                  filter.team ? 'team = :team' : '',
                ]
                  .filter(Boolean)
                  .join(' AND '),
                ...(filter.status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
              }
            : {}),
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(page.Items ?? []).map((item) => caseFrom(unmarshall(item))));
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length < filter.limit);
    const cases = found.slice(0, filter.limit);
    const last = cases.at(-1);
    const more = found.length > filter.limit || (startKey !== undefined && found.length === filter.limit);
    return more && last ? { cases, next: caseListKey(last.openedAt, last.caseId).sk } : { cases };
  }
}
