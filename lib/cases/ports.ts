import type { Response } from '../invitations/response.js';
import type { Day } from '../surveys/window.js';
import type { Case, CaseStatus } from './case.js';
import type { CaseStatsDay } from './case-stats.js';

/**
 * Cases of the closed loop, one per unhappy answer. Every move of a case (opened, acknowledged,
 * resolved, escalated, reopened) also moves the day's case statistics of its team and of every team (see
 * {@link CaseStats}) in the same conditional write, so a move refused or replayed counts nothing.
 */
export interface CaseStore {
  /**
   * Opens the case, with a marker under its customer that waits for their next answer (win-back);
   * false when it was open already (a replayed alert).
   */
  open(opened: Case): Promise<boolean>;
  get(caseId: string): Promise<Case | null>;
  /**
   * Moves a case from one status to another (or keeps it) with its fields; false when it was not in
   * `from` any more, or another write changed it since it was read.
   */
  transition(caseId: string, from: CaseStatus, to: CaseStatus, fields: Partial<Case>): Promise<boolean>;
  /**
   * Writes `fields` over the case as the caller read it (`read`), keeping its status; false when
   * another write changed it since. For changes computed from the case itself (its answer's log), which
   * must not land on a newer case than the one they were computed from. A field given as undefined is
   * removed.
   */
  revise(read: Case, fields: Partial<Case>): Promise<boolean>;
  /**
   * As {@link revise}, moving the case to `to` (or keeping it there): a lead's move, computed from the
   * case as read (its timeline), refused when another write came first. `read` must come from
   * {@link get}: the listing's copies leave out the timeline.
   */
  move(read: Case, to: CaseStatus, fields: Partial<Case>): Promise<boolean>;
  /**
   * The cases whose `updateDueAt` is at or before `dueBy`, the earliest first, a page at a time (`next`
   * leads to the next).
   */
  listDueUpdates(filter: {
    dueBy: Date;
    limit: number;
    after?: string | undefined;
  }): Promise<{ caseIds: string[]; next?: string }>;
  /**
   * The newest openings first (a reopened case by its reopening), of a status and team when given,
   * after a page's `next`; `next` when more may follow. Each without its timeline, which `get` reads.
   */
  list(filter: {
    status?: CaseStatus | undefined;
    team?: string | undefined;
    limit: number;
    after?: string | undefined;
  }): Promise<{ cases: Case[]; next?: string }>;
}

/** A case waiting for its customer's next answer, as marked under the customer when it opened. */
export interface NextAnswerMarker {
  caseId: string;
  customerId: string;
  team: string;
  openedAt: string;
}

/**
 * The closed loop's figures per team and UTC day (lib/cases/case-stats.ts): what case moves count in
 * their own writes, and what the reactor adds for what follows a case, each once.
 */
export interface CaseStats {
  /** The stored days of a team (or of every team: null) from `from` to `to`, both included; a day without moves is absent. */
  range(team: string | null, from: Day, to: Day): Promise<CaseStatsDay[]>;
  /** The customer's cases still waiting for their next answer. */
  waitingForNextAnswer(customerId: string): Promise<NextAnswerMarker[]>;
  /**
   * Takes the case's marker and counts the answer (answered again, and won back or not) on the day the
   * case opened, for its team, together; false when the marker was taken already (a replay).
   */
  countNextAnswer(marker: NextAnswerMarker, wonBack: boolean): Promise<boolean>;
  /** Counts a recovery survey's first counted answer on its day, once per invitation; false when counted already. */
  countRecoveryAnswer(answer: Response): Promise<boolean>;
  /**
   * Moves a counted recovery answer from the score of `before` to that of `after`, on the same day;
   * false when `before` is not the version counted (a replay, or an answer counted before this).
   */
  countRecoveryChange(before: Response, after: Response): Promise<boolean>;
}
