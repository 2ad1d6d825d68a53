import type { AlertLedger, AlertPublisher } from '../alerts/ports.js';
import { publishOnce } from '../alerts/publish-once.js';
import type { CommentInsight } from '../insight/label-comment.js';
import type { Response } from '../invitations/response.js';
import type { Clock } from '../platform/clock.js';
import { forEachItemApart } from '../platform/failed-items.js';
import { type AnswerChange, type Case, caseUpdateOf } from './case.js';
import { renderAnswerChanges } from './case-update.js';
import type { CaseStore } from './ports.js';

/**
 * At most one update per case in this window: a customer who changes their answer many times in a
 * few minutes (or a script that does it for them) reaches the lead as one update carrying every change.
 */
export const UPDATE_WINDOW_MS = 5 * 60_000;

export interface CaseUpdateDeps {
  cases: CaseStore;
  ledger: AlertLedger;
  publisher: AlertPublisher;
  clock: Clock;
  caseUrl: (caseId: string) => string;
}

/**
 * What became of a changed answer on its case: `no-case` (it has none), `replayed` (recorded already,
 * or the change that opened the case), `updated` (its update went out), `deferred` (recorded; its
 * update waits for the window and goes out from escalate-cases), `recorded` (the case is resolved:
 * recorded, and no update goes out).
 */
export type ChangeOutcome = 'no-case' | 'erased' | 'replayed' | 'updated' | 'deferred' | 'recorded';

/**
 * Records a changed answer on its case (with its comment's labels, `insight`, as the reactor learned
 * them), and tells the case's subscribers, coalesced. The case keeps
 * every change (its log, the answer as it stands, how many changes), always, resolved or not. The
 * update goes out at once when none went out in the last {@link UPDATE_WINDOW_MS}; otherwise the
 * change waits, with the case listed as due at the window's end, when escalate-cases sends one update
 * carrying every change since the last ({@link sendDueCaseUpdates}). A resolved case gets no update.
 *
 * Exactly once, and never losing the last change: an update is reserved on the case (its changes
 * marked with its version, the time it went out, the time the case is due to be looked at again) in
 * the same conditional write that records the change, and then published under the ledger key
 * `update#<caseId>#<version>`, the version being the `at` of its last change. Whoever looks at the case
 * next (a replay of the record, the next change, escalate-cases when the case is due) publishes a
 * reserved update that did not go out, once, before reserving another. A replay of an older change
 * never rolls the case back.
 */
export const recordAnswerChange = async (
  after: Response,
  deps: CaseUpdateDeps,
  insight?: CommentInsight | null,
): Promise<ChangeOutcome> => {
  // A case moved meanwhile (a lead acknowledged it, escalate-cases sent its update) is read again.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const kept = await deps.cases.get(after.invitationId);
    if (!kept) return 'no-case';
    // Its customer was erased: a record in flight from before must not bring their words back.
    if (kept.erasedAt) return 'erased';
    // The change that opened the case, replayed: its alert went out, and it is no update.
    if (after.updatedAt <= (kept.openingAnswerAt ?? '')) return 'replayed';
    if (after.updatedAt <= (kept.answerUpdatedAt ?? kept.firstOpenedAt ?? kept.openedAt)) {
      // Recorded already: a replay, perhaps of a record that failed before its update went out.
      return kept.status !== 'resolved' && (await publishReserved(kept, deps)) ? 'updated' : 'replayed';
    }
    const recorded: Case = { ...kept, ...caseUpdateOf(kept, after, insight) };
    if (recorded.status === 'resolved') {
      if (await deps.cases.revise(kept, caseUpdateOf(kept, after, insight))) return 'recorded';
      continue;
    }
    const plan = planUpdate(recorded, deps.clock.now());
    // The latest update goes out before another is reserved, so that no change is left unsent.
    if (plan.updateThrough) await publishReserved(kept, deps);
    if (!(await deps.cases.revise(kept, { ...caseUpdateOf(kept, after, insight), ...plan }))) continue;
    if (!plan.updateThrough) return 'deferred';
    return (await publishReserved({ ...recorded, ...plan }, deps)) ? 'updated' : 'replayed';
  }
  throw new Error(`case ${after.invitationId} kept moving while its answer changed`);
};

/**
 * Sends, from escalate-cases, the coalesced update of each case whose window ended with changes
 * waiting: one update each, carrying every change since the last. A case due only to have its latest
 * update checked (it went out when reserved, unless its function failed in between) leaves the list; a
 * resolved one leaves it with nothing sent. Runs that overlap or repeat send nothing twice (the ledger);
 * a case that fails does not hold back the others, and the run then fails naming it. Answers how many
 * updates it sent.
 */
export const sendDueCaseUpdates = async (deps: CaseUpdateDeps): Promise<number> => {
  const now = deps.clock.now();
  return forEachItemApart(
    'due case updates',
    async (after) => {
      const page = await deps.cases.listDueUpdates({ dueBy: now, limit: 100, after });
      return { items: page.caseIds, next: page.next };
    },
    (caseId) => caseId,
    (caseId) => sendDueUpdate(caseId, now, deps),
  );
};

const sendDueUpdate = async (caseId: string, now: Date, deps: CaseUpdateDeps): Promise<boolean> => {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const kept = await deps.cases.get(caseId);
    // Moved on meanwhile: a change sent it at once and made it due later, or another run took it.
    if (!kept?.updateDueAt || kept.updateDueAt > now.toISOString()) return false;
    if (kept.status === 'resolved') {
      if (await deps.cases.revise(kept, { updateDueAt: undefined })) return false;
      continue;
    }
    let sent = await publishReserved(kept, deps);
    const plan = planUpdate(kept, now);
    // Nothing waits: the latest update is out, and the case leaves the list.
    if (!(await deps.cases.revise(kept, plan.updateDueAt ? plan : { updateDueAt: undefined }))) continue;
    if (plan.updateThrough) sent = (await publishReserved({ ...kept, ...plan }, deps)) || sent;
    return sent;
  }
  throw new Error(`case ${caseId} kept moving while its update was due`);
};

/** The changes no update carried yet, oldest first. */
const waiting = (kept: Case): AnswerChange[] => (kept.answerLog ?? []).filter((change) => !change.sentIn);

/**
 * What the case's updates need now: when changes wait and the window since the latest update has
 * ended, an update reserved for all of them (marked with its version), sent now, with the case due
 * again at the next window's end to check it went out; when changes wait within the window, the case
 * due at its end; nothing when nothing waits.
 */
const planUpdate = (kept: Case, now: Date): Partial<Case> => {
  const pending = waiting(kept);
  const through = pending.at(-1)?.at;
  if (!through) return {};
  const opensAt = kept.updateSentAt ? Date.parse(kept.updateSentAt) + UPDATE_WINDOW_MS : 0;
  if (now.getTime() < opensAt) return { updateDueAt: new Date(opensAt).toISOString() };
  return {
    answerLog: (kept.answerLog ?? []).map((change) =>
      change.sentIn ? change : { ...change, sentIn: through },
    ),
    updateThrough: through,
    updateSentAt: now.toISOString(),
    updateDueAt: new Date(now.getTime() + UPDATE_WINDOW_MS).toISOString(),
  };
};

/** Publishes the case's latest reserved update, once; true when this call published it. */
const publishReserved = async (kept: Case, deps: CaseUpdateDeps): Promise<boolean> => {
  const through = kept.updateThrough;
  const carried = (kept.answerLog ?? []).filter((change) => through && change.sentIn === through);
  if (!through || carried.length === 0) return false;
  const update = renderAnswerChanges(kept, carried, deps.caseUrl(kept.caseId));
  return publishOnce(update, `update#${kept.caseId}#${through}`, deps);
};
