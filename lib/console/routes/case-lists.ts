import { type Case, isOverdue } from '../../cases/case.js';
import type { ConsoleBaseDeps } from '../route.js';

/** Cases newest first, by when they opened. */
export const newestFirst = (cases: readonly Case[]): Case[] =>
  [...cases].sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0));

/** The cases open past their SLA now, whether or not the escalation has found them yet. */
export const overdueIdsOf = (
  cases: readonly Case[],
  deps: Pick<ConsoleBaseDeps, 'clock' | 'sla'>,
): string[] => {
  const now = deps.clock.now();
  return cases
    .filter(
      (kept) => isOverdue(kept, deps.sla, now) || (kept.status === 'open' && kept.escalatedAt !== undefined),
    )
    .map(({ caseId }) => caseId);
};
