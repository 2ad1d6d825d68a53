import type { Case, CaseStatus } from './case.js';

/** Cases of the closed loop, one per unhappy answer. */
export interface CaseStore {
  /** Opens the case; false when it was open already (a replayed alert). */
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
   * The cases whose `updateDueAt` is at or before `dueBy`, the earliest first, a page at a time (`next`
   * leads to the next).
   */
  listDueUpdates(filter: {
    dueBy: Date;
    limit: number;
    after?: string | undefined;
  }): Promise<{ caseIds: string[]; next?: string }>;
  /** The newest cases first, of a status and team when given, after a page's `next`; `next` when more may follow. */
  list(filter: {
    status?: CaseStatus | undefined;
    team?: string | undefined;
    limit: number;
    after?: string | undefined;
  }): Promise<{ cases: Case[]; next?: string }>;
}
