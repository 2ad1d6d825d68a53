import type { Survey } from '../surveys/scales.js';
import { type Day, dayOf } from '../surveys/window.js';
import type { Case, Resolution } from './case.js';

/**
 * The closed loop's figures are folded, per UTC day, into one small item per team and one for every
 * team, in the same transaction as the case move they count (lib/cases/dynamodb-case-store.ts): a move
 * happens once, because its write is conditional on the case as read, so its figures move once. Each
 * move is counted on the UTC day it happened; the win-back of a case on the day the case opened.
 */
export const CASE_STAT_COUNTS = [
  /** Openings: a reopened case is a new opening, counted again on the day it was reopened. */
  'opened',
  /** Of the openings, the reopenings of resolved cases. */
  'reopened',
  'acknowledged',
  'resolved',
  'escalated',
  /** Cases whose customer answered again after the case opened (their next counted answer). */
  'answeredAgain',
  /** Of those, the ones whose next answer was out of the unhappy range. */
  'wonBack',
] as const;
export type CaseStatCount = (typeof CASE_STAT_COUNTS)[number];

/**
 * Durations kept whole, in seconds, one per move, so that medians and percentiles are exact. The time
 * to acknowledge is kept per SLA (a case's severity sets it), so that the share within the SLA is read
 * against the stage's `caseSla` as it stands.
 */
export const CASE_STAT_DURATIONS = [
  'acknowledgeSecondsHigh',
  'acknowledgeSecondsMedium',
  'resolveSeconds',
] as const;
export type CaseStatDuration = (typeof CASE_STAT_DURATIONS)[number];

/** The counter of resolutions for one reason. */
export const reasonCount = (reason: Resolution['reason']): string => `reason:${reason}`;

/** The counter of a recovery survey's answers with one score. */
export const recoveryCount = (survey: Survey, score: number): string => `recovery:${survey}:${score}`;

/** What one move adds to a day's figures: to counters (by name), and durations appended to lists. */
export interface CaseStatsDelta {
  add: Record<string, number>;
  append: Partial<Record<CaseStatDuration, number[]>>;
}

/** A delta on one day of one team (and of every team, which every delta also moves). */
export interface CaseStatsMove {
  team: string;
  day: Day;
  delta: CaseStatsDelta;
}

/** A day's figures of one scope as stored: its counters by name, and its lists of durations. */
export interface CaseStatsDay {
  day: Day;
  counts: Record<string, number>;
  durations: Record<CaseStatDuration, number[]>;
}

/** Whole seconds from one instant to a later one (never negative). */
export const secondsBetween = (from: string, to: string): number =>
  Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 1000));

const acknowledgeListOf = (severity: Case['severity']): CaseStatDuration =>
  severity === 'high' ? 'acknowledgeSecondsHigh' : 'acknowledgeSecondsMedium';

const at = (team: string, instant: string, delta: CaseStatsDelta): CaseStatsMove => ({
  team,
  day: dayOf(new Date(instant)),
  delta,
});

/** A case opening: counted on the day it opened. */
export const statsOfOpening = (opened: Case): CaseStatsMove =>
  at(opened.team, opened.openedAt, { add: { opened: 1 }, append: {} });

/**
 * What a write of `next` over the case as `read` counts, each on the day it happened: a reopening (a
 * new opening, counted as opened and as reopened), an acknowledgement (with its time since the case
 * opened), a resolution (its time, its reason), an escalation. Nothing for a write that keeps the
 * status and the escalation (a changed answer, an update sent, an assignment, a note). Moves on the
 * same day are merged, since a transaction may touch an item once.
 *
 * A reopening starts the case again: its acknowledgement, resolution and escalation are cleared, so
 * the next of each counts once more, its time from the new opening. The customer's next answer
 * (win-back) stays counted for the first opening only, whose marker it took.
 */
export const statsOfMove = (read: Case, next: Case): CaseStatsMove[] => {
  const moves: CaseStatsMove[] = [];
  if (read.status === 'resolved' && next.status === 'open' && next.openedAt !== read.openedAt) {
    moves.push(at(next.team, next.openedAt, { add: { opened: 1, reopened: 1 }, append: {} }));
  }
  if (read.status === 'open' && next.status === 'acknowledged' && next.acknowledgedAt) {
    moves.push(
      at(next.team, next.acknowledgedAt, {
        add: { acknowledged: 1 },
        append: { [acknowledgeListOf(next.severity)]: [secondsBetween(next.openedAt, next.acknowledgedAt)] },
      }),
    );
  }
  if (read.status !== 'resolved' && next.status === 'resolved' && next.resolvedAt) {
    moves.push(
      at(next.team, next.resolvedAt, {
        add: { resolved: 1, ...(next.resolution ? { [reasonCount(next.resolution.reason)]: 1 } : {}) },
        append: { resolveSeconds: [secondsBetween(next.openedAt, next.resolvedAt)] },
      }),
    );
  }
  if (!read.escalatedAt && next.escalatedAt) {
    moves.push(at(next.team, next.escalatedAt, { add: { escalated: 1 }, append: {} }));
  }
  return mergeMoves(moves);
};

/** One move per team and day, adding up counters and joining durations. */
export const mergeMoves = (moves: readonly CaseStatsMove[]): CaseStatsMove[] => {
  const merged = new Map<string, CaseStatsMove>();
  for (const move of moves) {
    const key = JSON.stringify([move.team, move.day]);
    const kept = merged.get(key);
    if (!kept) {
      merged.set(key, { ...move, delta: { add: { ...move.delta.add }, append: { ...move.delta.append } } });
      continue;
    }
    for (const [name, value] of Object.entries(move.delta.add)) {
      kept.delta.add[name] = (kept.delta.add[name] ?? 0) + value;
    }
    for (const [name, values] of Object.entries(move.delta.append) as [CaseStatDuration, number[]][]) {
      kept.delta.append[name] = [...(kept.delta.append[name] ?? []), ...values];
    }
  }
  return [...merged.values()];
};

/**
 * The nearest-rank percentile of durations sorted ascending: the smallest value with at least
 * `percent`% of the values at or below it, i.e. the value at rank ⌈percent/100 · n⌉. Always one of
 * the values, never an interpolation: the median of an even count is the lower of the two middle
 * values (1, 2, 3, 4 → 2). Null when there are none.
 */
export const nearestRank = (sorted: readonly number[], percent: number): number | null => {
  if (sorted.length === 0) return null;
  // percent · n is an integer for whole percents, so the division is exact where the rank is whole.
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
};

/** How long a kind of move took: how many, their median and 90th percentile (nearest rank), in seconds. */
export interface DurationFigures {
  n: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export const durationFiguresOf = (durations: readonly number[]): DurationFigures => {
  const sorted = [...durations].sort((a, b) => a - b);
  return { n: sorted.length, medianSeconds: nearestRank(sorted, 50), p90Seconds: nearestRank(sorted, 90) };
};

/** Every day of a scope added up: counters by name, and each list of durations joined. */
export const addUpDays = (days: readonly CaseStatsDay[]): Omit<CaseStatsDay, 'day'> => {
  const counts: Record<string, number> = {};
  const durations = Object.fromEntries(CASE_STAT_DURATIONS.map((name) => [name, [] as number[]])) as Record<
    CaseStatDuration,
    number[]
  >;
  for (const day of days) {
    for (const [name, value] of Object.entries(day.counts)) counts[name] = (counts[name] ?? 0) + value;
    for (const name of CASE_STAT_DURATIONS) durations[name].push(...day.durations[name]);
  }
  return { counts, durations };
};
