import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Response } from '../invitations/response.js';
import {
  failedFirstCondition,
  itemOf,
  queryAll,
  sendTransaction,
  TableAdapter,
} from '../platform/dynamodb-items.js';
import { expiryOf, type Retention } from '../platform/retention.js';
import {
  caseStatsKey,
  caseStatsPartition,
  followUpPartition,
  NEXT_ANSWER_PREFIX,
  nextAnswerKey,
  recoveryCountedKey,
} from '../platform/table-design.js';
import { type Day, dayOf } from '../surveys/window.js';
import type { Case } from './case.js';
import {
  CASE_STAT_COUNTS,
  CASE_STAT_DURATIONS,
  type CaseStatDuration,
  type CaseStatsDay,
  type CaseStatsMove,
  recoveryCount,
} from './case-stats.js';
import type { CaseStats, NextAnswerMarker } from './ports.js';

/**
 * How long a case waits for its customer's next answer before its marker expires unanswered (TTL):
 * the contract's default retention of answers and cases.
 */
export const NEXT_ANSWER_KEEP_DAYS = 400;

/** Tries of a transaction that DynamoDB cancelled only for meeting another on a shared item. */
/**
 * Sends a transaction that moves statistics items, which the moves of other cases write at the same
 * time: sent again when it only met another transaction (see sendTransaction).
 */
export const transactWithStats = sendTransaction;

/** The counters and lists of one delta as one update expression, on an item created by it if absent. */
const updateOf = (
  tableName: string,
  key: { pk: string; sk: string },
  move: CaseStatsMove,
): TransactWriteItem => {
  const names: Record<string, string> = { '#type': 'type' };
  const values: Record<string, unknown> = { ':type': 'case-stats' };
  const sets = ['#type = :type'];
  const adds: string[] = [];
  Object.entries(move.delta.add).forEach(([name, value], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = value;
    adds.push(`#c${i} :c${i}`);
  });
  Object.entries(move.delta.append).forEach(([name, durations], i) => {
    if (!durations || durations.length === 0) return;
    names[`#d${i}`] = name;
    values[`:d${i}`] = durations;
    values[':none'] = [];
    sets.push(`#d${i} = list_append(if_not_exists(#d${i}, :none), :d${i})`);
  });
  return {
    Update: {
      TableName: tableName,
      Key: marshall(key),
      UpdateExpression: `SET ${sets.join(', ')}${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: marshall(values),
    },
  };
};

/** The two updates of one move: the day of its team, and the same day of every team. */
export const statsUpdatesOf = (tableName: string, move: CaseStatsMove): TransactWriteItem[] => [
  updateOf(tableName, caseStatsKey(move.team, move.day), move),
  updateOf(tableName, caseStatsKey(null, move.day), move),
];

/** The marker a case leaves under its customer, until their next answer (or its TTL). */
export const nextAnswerPutOf = (
  tableName: string,
  opened: Case,
  retention?: Retention,
): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: itemOf({
      ...nextAnswerKey(opened.customerId, opened.caseId),
      type: 'next-answer',
      caseId: opened.caseId,
      team: opened.team,
      openedAt: opened.openedAt,
      // The win-back window, unless the stage keeps raw items for less.
      expiresAt:
        Math.floor(Date.parse(opened.openedAt) / 1000) +
        Math.min(NEXT_ANSWER_KEEP_DAYS, retention?.days ?? NEXT_ANSWER_KEEP_DAYS) * 86_400,
    }),
  },
});

const dayOfItem = (item: Record<string, unknown>): CaseStatsDay => {
  const counts: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    const counted =
      (CASE_STAT_COUNTS as readonly string[]).includes(name) ||
      name.startsWith('reason:') ||
      name.startsWith('recovery:');
    if (counted && typeof value === 'number') counts[name] = value;
  }
  const durations = Object.fromEntries(
    CASE_STAT_DURATIONS.map((name) => {
      const list = item[name];
      return [name, Array.isArray(list) ? list.filter((value) => typeof value === 'number') : []];
    }),
  ) as Record<CaseStatDuration, number[]>;
  return { day: String(item.sk), counts, durations };
};

/**
 * The closed loop's figures in the single table: per team and per UTC day one item, and one for every
 * team (`CASESTATS#team:<team>` and `CASESTATS#*`, sort key the day), which case moves update in their
 * own transactions (lib/cases/dynamodb-case-store.ts) and the reactor updates for what follows a case
 * (the customer's next answer, the recovery survey's answer). Reading a range is one query per scope.
 */
export class DynamoDbCaseStats extends TableAdapter implements CaseStats {
  async range(team: string | null, from: Day, to: Day): Promise<CaseStatsDay[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: marshall({ ':pk': caseStatsPartition(team), ':from': from, ':to': to }),
    });
    return items.map(dayOfItem);
  }

  async waitingForNextAnswer(customerId: string): Promise<NextAnswerMarker[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: marshall({
        ':pk': followUpPartition(customerId),
        ':prefix': NEXT_ANSWER_PREFIX,
      }),
      // Eventually consistent, at half the price: a marker read stale is refused by its own delete.
    });
    return items.map((item) => ({
      caseId: String(item.caseId),
      customerId,
      team: String(item.team),
      openedAt: String(item.openedAt),
    }));
  }

  async countNextAnswer(marker: NextAnswerMarker, wonBack: boolean): Promise<boolean> {
    const move: CaseStatsMove = {
      team: marker.team,
      day: dayOf(new Date(marker.openedAt)),
      delta: { add: { answeredAgain: 1, ...(wonBack ? { wonBack: 1 } : {}) }, append: {} },
    };
    return this.onceOnly([
      {
        Delete: {
          TableName: this.tableName,
          Key: marshall(nextAnswerKey(marker.customerId, marker.caseId)),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      ...statsUpdatesOf(this.tableName, move),
    ]);
  }

  async countRecoveryAnswer(answer: Response): Promise<boolean> {
    return this.onceOnly([
      {
        Put: {
          TableName: this.tableName,
          Item: itemOf({
            ...recoveryCountedKey(answer.invitationId),
            type: 'recovery-counted',
            survey: answer.survey,
            score: answer.score,
            updatedAt: answer.updatedAt,
            ...expiryOf(answer.answeredAt, this.retention),
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...statsUpdatesOf(this.tableName, {
        team: answer.team,
        day: answer.day,
        delta: { add: { [recoveryCount(answer.survey, answer.score)]: 1 }, append: {} },
      }),
    ]);
  }

  async countRecoveryChange(before: Response, after: Response): Promise<boolean> {
    const moved = { [recoveryCount(before.survey, before.score)]: -1 };
    moved[recoveryCount(after.survey, after.score)] =
      (moved[recoveryCount(after.survey, after.score)] ?? 0) + 1;
    return this.onceOnly([
      {
        Update: {
          TableName: this.tableName,
          Key: marshall(recoveryCountedKey(after.invitationId)),
          UpdateExpression: 'SET #score = :score, #updatedAt = :after',
          // Only over the version counted: a replayed or older change finds another and moves nothing.
          ConditionExpression: '#updatedAt = :before AND #score = :counted',
          ExpressionAttributeNames: { '#score': 'score', '#updatedAt': 'updatedAt' },
          ExpressionAttributeValues: marshall({
            ':score': after.score,
            ':after': after.updatedAt,
            ':before': before.updatedAt,
            ':counted': before.score,
          }),
        },
      },
      ...statsUpdatesOf(this.tableName, {
        team: after.team,
        day: after.day,
        delta: { add: moved, append: {} },
      }),
    ]);
  }

  /** A transaction whose first item's condition makes it happen once: false when it held no more. */
  private async onceOnly(items: TransactWriteItem[]): Promise<boolean> {
    try {
      await transactWithStats(this.client, items);
      return true;
    } catch (error) {
      if (failedFirstCondition(error)) return false;
      throw error;
    }
  }
}
