import type { AlertLedger, AlertPublisher } from '../alerts/ports.js';
import { publishOnce } from '../alerts/publish-once.js';
import type { Clock } from '../platform/clock.js';
import { forEachItemApart } from '../platform/failed-items.js';
import { type Case, type CaseSla, escalationKeyOf, isOverdue } from './case.js';
import { renderEscalationAlert } from './escalation-alert.js';
import type { CaseStore } from './ports.js';
import { PULSE_ACTOR, withEntry } from './timeline.js';
import { sendDueCaseUpdates } from './update-case.js';

export interface EscalationDeps {
  cases: CaseStore;
  ledger: AlertLedger;
  publisher: AlertPublisher;
  clock: Clock;
  sla: CaseSla;
  caseUrl: (caseId: string) => string;
}

/**
 * Escalates, once each opening, the open cases nobody acknowledged within their severity's SLA: an
 * alert of kind `escalation` to the subscribers who take escalations (a reopened case, a new opening,
 * escalates again). Run on a schedule; the ledger makes a run that overlaps another, or repeats after
 * a failure, publish nothing twice. A case that cannot be escalated does not hold back the others;
 * the run then fails, naming it.
 */
export const escalateOverdueCases = async (deps: EscalationDeps): Promise<number> => {
  const now = deps.clock.now();
  return forEachItemApart(
    'overdue cases',
    async (after) => {
      const page = await deps.cases.list({ status: 'open', limit: 100, after });
      return { items: page.cases.filter((opened) => isOverdue(opened, deps.sla, now)), next: page.next };
    },
    (opened) => opened.caseId,
    async (opened) => {
      const alert = renderEscalationAlert(opened, deps.sla, deps.caseUrl(opened.caseId));
      const escalated = await publishOnce(alert, escalationKeyOf(opened), deps);
      await recordEscalation(opened, now.toISOString(), deps.cases);
      return escalated;
    },
  );
};

/**
 * Records the escalation on the case too, with its timeline's entry, so that a lead sees it. A case
 * acknowledged, resolved or reopened meanwhile keeps what it has. A case that keeps changing under the
 * write is left for the next run, which finds it overdue still and records it, the ledger sending
 * nothing twice.
 */
const recordEscalation = async (listed: Case, at: string, cases: CaseStore): Promise<void> => {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const kept = await cases.get(listed.caseId);
    if (kept?.status !== 'open' || kept.escalatedAt || kept.openedAt !== listed.openedAt) return;
    const entry = { kind: 'escalated', at, by: PULSE_ACTOR } as const;
    if (await cases.move(kept, 'open', { escalatedAt: at, ...withEntry(kept, entry) })) return;
  }
};

/**
 * What the schedule does every few minutes: escalates the overdue cases, and sends the coalesced case
 * updates that came due (see update-case). Each runs whatever became of the other; the run then fails
 * with the first failure, after both had their turn.
 */
export const tendCases = async (
  deps: EscalationDeps,
): Promise<{ escalated: number; updatesSent: number }> => {
  const [escalated, updatesSent] = await Promise.allSettled([
    escalateOverdueCases(deps),
    sendDueCaseUpdates(deps),
  ]);
  if (escalated.status === 'rejected') throw escalated.reason;
  if (updatesSent.status === 'rejected') throw updatesSent.reason;
  return { escalated: escalated.value, updatesSent: updatesSent.value };
};
