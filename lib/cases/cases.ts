import { type InsightView, insightViewOf } from '../insight/labels.js';
import type { LabelsStore } from '../insight/ports.js';
import type { ResponseStore } from '../invitations/ports.js';
import { type HeldChangeView, viewHeldChange } from '../invitations/response.js';
import type { Clock } from '../platform/clock.js';
import { ConflictError, NotFoundError, parseOrThrow } from '../platform/errors.js';
import {
  AcknowledgeCaseSchema,
  AddCaseNoteSchema,
  actedBy,
  type Case,
  type CaseStatus,
  ListCasesSchema,
  NEXT_STATUSES,
  ReopenCaseSchema,
} from './case.js';
import type { CaseStore } from './ports.js';
import { actingOf, type TimelineEntry, timelineOf, withEntry } from './timeline.js';

export interface CaseDeps {
  cases: CaseStore;
  clock: Clock;
}

/**
 * The newest cases, of a status and a team when asked, a page at a time (`next` leads to the next);
 * a wrong filter is a 400 naming it.
 */
export const listCases = async (query: unknown, deps: CaseDeps): Promise<{ cases: Case[]; next?: string }> =>
  deps.cases.list(parseOrThrow(ListCasesSchema, query ?? {}));

/** What a lead reading a case needs: the cases, and the answers for what is held beside one. */
export interface CaseViewDeps extends CaseDeps {
  responses: ResponseStore;
  labels: Pick<LabelsStore, 'get'>;
}

/**
 * A case as a lead reads it: with its comment's labels as they stand (a retried analysis may have
 * settled them after the case was written), and the change of its answer held as suspect, when one
 * waits for release.
 */
export type CaseView = Case & InsightView & { heldChange?: HeldChangeView };

/**
 * One case, for a lead (`GET /cases/{caseId}`), with its comment's labels and its timeline (made from
 * its fields for a case opened before cases kept one). A change of its answer
 * judged suspect is not on the
 * case (it moved nothing that counts), so it is read from the answer, always as it stands: the lead
 * sees the customer's held words and can release them (`POST /invitations/{interactionId}/release`).
 */
export const viewCase = async (caseId: string, deps: CaseViewDeps): Promise<CaseView> => {
  const found = await getCase(caseId, deps);
  const [response, labels] = await Promise.all([
    deps.responses.get(found.caseId),
    deps.labels.get(found.caseId),
  ]);
  const { insight: _insight, sentiment: _sentiment, topics: _topics, ...kept } = found;
  const held = response?.heldChange;
  return {
    ...kept,
    timeline: timelineOf(found),
    ...insightViewOf(found.comment, labels),
    ...(held ? { heldChange: viewHeldChange(held) } : {}),
  };
};

export const getCase = async (caseId: string, deps: CaseDeps): Promise<Case> => {
  const found = await deps.cases.get(caseId);
  if (!found) throw new NotFoundError(`no case ${caseId}`);
  return found;
};

/**
 * What a change of a case writes, from the case as read: its status after (`to`, which may be the
 * status it has) and its fields, its timeline's entry among them; or null when the case is as asked
 * already, and nothing is written.
 */
export type CaseChange = (current: Case) => { to: CaseStatus; fields: Partial<Case> } | null;

/**
 * Changes a case in one write conditional on the case as read (its status and its version), so that
 * of two moves at once one wins. When another write came first, `lostTo` says whether it took what
 * this one was to do (a 409 with its words), or only moved something else (the customer's answer, the
 * escalation, another note), in which case the case is read again and the change made over it.
 * `change` throws a ConflictError when the case's status does not allow it.
 */
export const changeCase = async (
  caseId: string,
  change: CaseChange,
  lostTo: (read: Case, now: Case) => string | undefined,
  deps: CaseDeps,
): Promise<Case> => {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await getCase(caseId, deps);
    const planned = change(current);
    if (!planned) return current;
    if (await deps.cases.move(current, planned.to, planned.fields)) return getCase(caseId, deps);
    const conflict = lostTo(current, await getCase(caseId, deps));
    if (conflict) throw new ConflictError(conflict);
  }
  throw new ConflictError(`case ${caseId} kept changing; try again`);
};

/**
 * Moves a case to `to` with its fields and its timeline's `entry`, conditionally on the status it was
 * read in: of two leads acknowledging at once, one wins and the other is told the case moved. A move
 * the life cycle does not allow (resolving a resolved case) is a 409 that says why.
 */
export const moveCase = async (
  caseId: string,
  move: { to: Exclude<CaseStatus, 'open'>; fields: Partial<Case>; entry: TimelineEntry },
  deps: CaseDeps,
): Promise<Case> =>
  changeCase(
    caseId,
    (current) => {
      if (!NEXT_STATUSES[current.status].includes(move.to)) {
        throw new ConflictError(`case ${caseId} is ${current.status}, so it cannot be ${move.to}`);
      }
      return { to: move.to, fields: { ...move.fields, ...withEntry(current, move.entry) } };
    },
    // Only its answer or its escalation moved meanwhile: read it again and move it.
    (read, now) =>
      now.status !== read.status ? `case ${caseId} was just ${now.status} by someone else` : undefined,
    deps,
  );

/** A lead is on it. */
export const acknowledgeCase = async (caseId: string, input: unknown, deps: CaseDeps): Promise<Case> => {
  const { by, onBehalfOf } = actedBy(parseOrThrow(AcknowledgeCaseSchema, input ?? {}));
  const at = deps.clock.now().toISOString();
  return moveCase(
    caseId,
    {
      to: 'acknowledged',
      fields: {
        acknowledgedAt: at,
        acknowledgedBy: by,
        ...(onBehalfOf ? { acknowledgedOnBehalfOf: onBehalfOf } : {}),
      },
      entry: { kind: 'acknowledged', at, ...actingOf({ by, onBehalfOf }) },
    },
    deps,
  );
};

/**
 * A lead's note on the case's timeline, whatever its status (a resolved case too): `{ note }`, 1 to
 * 2,000 characters once trimmed. Notes never conflict: one written at the same time as another
 * write (another note, the customer's answer) is written over it, both kept. Each call adds a note:
 * the same note sent twice is there twice.
 */
export const addCaseNote = async (caseId: string, input: unknown, deps: CaseDeps): Promise<Case> => {
  const { note, ...acting } = parseOrThrow(AddCaseNoteSchema, input ?? {});
  const entry: TimelineEntry = {
    kind: 'note',
    at: deps.clock.now().toISOString(),
    ...actingOf(actedBy(acting)),
    note,
  };
  return changeCase(
    caseId,
    (current) => ({ to: current.status, fields: withEntry(current, entry) }),
    () => undefined,
    deps,
  );
};

/**
 * Reopens a resolved case (any other is a 409): a new opening, as the design has it. Its `openedAt`
 * is now (its first opening kept as `firstOpenedAt`), so that its SLA, its escalation (once more,
 * under a ledger key of this opening) and its place in the listing start again; its acknowledgement,
 * resolution, recovery invitation and escalation are cleared (the timeline keeps them), its
 * assignee and the answer's history are kept. The case's statistics count it as opened and as
 * reopened on the day, and its next acknowledgement and resolution as new ones. An optional `note`
 * says why.
 */
export const reopenCase = async (caseId: string, input: unknown, deps: CaseDeps): Promise<Case> => {
  const { note, ...acting } = parseOrThrow(ReopenCaseSchema, input ?? {});
  const at = deps.clock.now().toISOString();
  const entry: TimelineEntry = {
    kind: 'reopened',
    at,
    ...actingOf(actedBy(acting)),
    ...(note ? { note } : {}),
  };
  return changeCase(
    caseId,
    (current) => {
      if (current.status !== 'resolved') {
        throw new ConflictError(`case ${caseId} is ${current.status}, so it cannot be reopened`);
      }
      return {
        to: 'open',
        fields: {
          openedAt: at,
          firstOpenedAt: current.firstOpenedAt ?? current.openedAt,
          acknowledgedAt: undefined,
          acknowledgedBy: undefined,
          acknowledgedOnBehalfOf: undefined,
          resolvedAt: undefined,
          resolvedBy: undefined,
          resolvedOnBehalfOf: undefined,
          resolution: undefined,
          recoveryInvitationId: undefined,
          escalatedAt: undefined,
          ...withEntry(current, entry),
        },
      };
    },
    (read, now) =>
      now.status !== read.status || now.openedAt !== read.openedAt
        ? `case ${caseId} was just ${now.status === 'open' ? 'reopened' : now.status} by someone else`
        : undefined,
    deps,
  );
};
