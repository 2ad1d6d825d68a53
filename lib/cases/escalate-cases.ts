import type { AlertLedger, AlertPublisher } from '../alerts/ports.js';
import { publishOnce } from '../alerts/publish-once.js';
import type { Clock } from '../platform/clock.js';
import { forEachItemApart } from '../platform/failed-items.js';
import { type CaseSla, isOverdue } from './case.js';
import { renderEscalationAlert } from './escalation-alert.js';
import type { CaseStore } from './ports.js';
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
 * Escalates, once each, the open cases nobody acknowledged within their severity's SLA: an alert of
 * kind `escalation` to the subscribers who take escalations. Run on a schedule; the ledger makes a
 * run that overlaps another, or repeats after a failure, publish nothing twice. A case that cannot be
 * escalated does not hold back the others; the run then fails, naming it.
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
      const escalated = await publishOnce(alert, `escalation#${opened.caseId}`, deps);
      // Recorded on the case too, so that a lead sees it; a case acknowledged meanwhile keeps its status.
      await deps.cases.transition(opened.caseId, 'open', 'open', { escalatedAt: now.toISOString() });
      return escalated;
    },
  );
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
