import {
  type Put,
  QueryCommand,
  type QueryCommandOutput,
  TransactionCanceledException,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { failedFirstCondition, itemOf, readItem, TableAdapter } from '../platform/dynamodb-items.js';
import { expiryOf, type Retention } from '../platform/retention.js';
import {
  CASE_LIST_PARTITION,
  CASE_UPDATES_PARTITION,
  caseKey,
  caseListKey,
  caseUpdateDueKey,
  responseKey,
} from '../platform/table-design.js';
import type { Case, CaseStatus } from './case.js';
import { statsOfMove, statsOfOpening } from './case-stats.js';
import { nextAnswerPutOf, statsUpdatesOf, transactWithStats } from './dynamodb-case-stats.js';
import type { CaseStore } from './ports.js';

/** A case item, kept for the stage's retention from its first opening. */
const caseItemOf = (kept: Case, key: { pk: string; sk: string }, retention: Retention | undefined) =>
  itemOf({ ...kept, ...key, type: 'case', ...expiryOf(kept.firstOpenedAt ?? kept.openedAt, retention) });

/**
 * The listing's copy of a case leaves out its timeline: leads page through the list, each case's
 * timeline (up to 128 KB) is read with the case, and the listing partition's writes stay small.
 */
const listedItemOf = (kept: Case, retention: Retention | undefined) => {
  const { timeline: _timeline, timelineDropped: _dropped, ...listed } = kept;
  return caseItemOf(listed, caseListKey(kept.openedAt, kept.caseId), retention);
};

const caseFrom = (item: Record<string, unknown>): Case => {
  const { pk: _pk, sk: _sk, type: _type, ...kept } = item;
  return kept as unknown as Case;
};

/**
 * Each case twice in the single table, written together: under its invitation, where its status is
 * changed conditionally, and in the listing partition, newest last, where leads page through them.
 * Cases come from unhappy answers only, so the listing partition stays far below a partition's limits.
 * A case with an `updateDueAt` is also listed, by that time, in the due-updates partition, in the same
 * transaction as the case, so that the list and the cases never disagree; the partition holds only
 * the cases whose customer changed their answer in the last few minutes.
 *
 * Each move also updates, in the same transaction, the day's statistics of the case's team and of
 * every team (lib/cases/dynamodb-case-stats.ts), computed from the case as read and as written: the
 * write is conditional on the case as read, so a move counts once however often it is retried, and a
 * refused move counts nothing. Opening also leaves the marker that waits for the customer's next answer.
 * A reopening moves the case's copy in the listing, a new opening, to its new place, in the same
 * transaction: its old copy is deleted.
 */
export class DynamoDbCaseStore extends TableAdapter implements CaseStore {
  async open(opened: Case): Promise<boolean> {
    try {
      await this.writeBoth(opened, { ConditionExpression: 'attribute_not_exists(pk)' }, undefined, [
        nextAnswerPutOf(this.tableName, opened, this.retention),
        ...statsUpdatesOf(this.tableName, statsOfOpening(opened)),
        // Not for an answer an erasure scrubbed since: a stream record in flight keeps its words.
        {
          ConditionCheck: {
            TableName: this.tableName,
            Key: marshall(responseKey(opened.caseId)),
            ConditionExpression: 'attribute_not_exists(erasedAt)',
          },
        },
      ]);
      return true;
    } catch (error) {
      if (failedFirstCondition(error) || failedLastCondition(error)) return false;
      throw error;
    }
  }

  /**
   * The case under its invitation, on `condition`, its copy in the listing partition (moved when its
   * `openedAt` moved from what `previous` had: a reopening), its place in the due-updates partition
   * when its `updateDueAt` moved, and `counted` (its statistics, its marker), together.
   */
  private async writeBoth(
    kept: Case,
    condition: Omit<Put, 'TableName' | 'Item'>,
    previous: Case | undefined,
    counted: TransactWriteItem[],
  ): Promise<void> {
    const due: TransactWriteItem[] = [];
    if (previous?.updateDueAt !== kept.updateDueAt) {
      if (kept.updateDueAt) {
        const Item = itemOf({ ...caseUpdateDueKey(kept.updateDueAt, kept.caseId), type: 'case-update-due' });
        due.push({ Put: { TableName: this.tableName, Item } });
      }
      if (previous?.updateDueAt) {
        const Key = marshall(caseUpdateDueKey(previous.updateDueAt, kept.caseId));
        due.push({ Delete: { TableName: this.tableName, Key } });
      }
    }
    const relisted: TransactWriteItem[] =
      previous && previous.openedAt !== kept.openedAt
        ? [
            {
              Delete: {
                TableName: this.tableName,
                Key: marshall(caseListKey(previous.openedAt, kept.caseId)),
              },
            },
          ]
        : [];
    await transactWithStats(this.client, [
      {
        Put: {
          TableName: this.tableName,
          Item: caseItemOf(kept, caseKey(kept.caseId), this.retention),
          ...condition,
        },
      },
      { Put: { TableName: this.tableName, Item: listedItemOf(kept, this.retention) } },
      ...relisted,
      ...due,
      ...counted,
    ]);
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
    return this.writeOver(current, { ...current, ...fields, status: to });
  }

  async revise(read: Case, fields: Partial<Case>): Promise<boolean> {
    return this.writeOver(read, { ...read, ...fields, status: read.status });
  }

  async move(read: Case, to: CaseStatus, fields: Partial<Case>): Promise<boolean> {
    return this.writeOver(read, { ...read, ...fields, status: to });
  }

  /** Writes `next` over the case as `read`, if it is still in that status and version. */
  private async writeOver(read: Case, next: Case): Promise<boolean> {
    const version = read.version;
    try {
      // The whole case is written back, so it must be the case as read: its status and its version.
      // Two leads acknowledging at once, or a lead and a changed answer: the second is refused.
      const written = { ...next, version: (version ?? 0) + 1 };
      await this.writeBoth(
        written,
        {
          ConditionExpression: `#status = :from AND ${version === undefined ? 'attribute_not_exists(version)' : 'version = :version'}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({
            ':from': read.status,
            ...(version === undefined ? {} : { ':version': version }),
          }),
        },
        read,
        statsOfMove(read, written).flatMap((move) => statsUpdatesOf(this.tableName, move)),
      );
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

  async listDueUpdates(filter: {
    dueBy: Date;
    limit: number;
    after?: string | undefined;
  }): Promise<{ caseIds: string[]; next?: string }> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk <= :dueBy',
        // Case ids are word characters and dashes, all of which sort before "~".
        ExpressionAttributeValues: marshall({
          ':pk': CASE_UPDATES_PARTITION,
          ':dueBy': `${filter.dueBy.toISOString()}#~`,
        }),
        Limit: filter.limit,
        ExclusiveStartKey: filter.after
          ? marshall({ pk: CASE_UPDATES_PARTITION, sk: filter.after })
          : undefined,
      }),
    );
    const items = (page.Items ?? []).map((item) => unmarshall(item) as { sk: string });
    const caseIds = items.map(({ sk }) => sk.slice(sk.indexOf('#') + 1));
    const last = page.LastEvaluatedKey ? (unmarshall(page.LastEvaluatedKey) as { sk: string }) : undefined;
    return last ? { caseIds, next: last.sk } : { caseIds };
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

/** A transaction refused because the condition of its last item no longer held. */
const failedLastCondition = (error: unknown): boolean =>
  error instanceof TransactionCanceledException &&
  error.CancellationReasons?.at(-1)?.Code === 'ConditionalCheckFailed';
