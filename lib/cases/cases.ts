import { type InsightView, insightViewOf } from '../insight/labels.js';
import type { LabelsStore } from '../insight/ports.js';
import type { ResponseStore } from '../invitations/ports.js';
import { type HeldChangeView, viewHeldChange } from '../invitations/response.js';
import type { Clock } from '../platform/clock.js';
import { ConflictError, NotFoundError, parseOrThrow } from '../platform/errors.js';
import {
  AcknowledgeCaseSchema,
  actedBy,
  type Case,
  type CaseStatus,
  ListCasesSchema,
  NEXT_STATUSES,
} from './case.js';
import type { CaseStore } from './ports.js';

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
 * One case, for a lead (`GET /cases/{caseId}`), with its comment's labels. A change of its answer
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
 * Moves a case to `to`, conditionally on the status it was read in: of two leads acknowledging at
 * once, one wins and the other is told the case moved. A move the life cycle does not allow (resolving
 * a resolved case) is a 409 that says why.
 */
export const moveCase = async (
  caseId: string,
  to: CaseStatus,
  fields: Partial<Case>,
  deps: CaseDeps,
): Promise<Case> => {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await getCase(caseId, deps);
    if (!NEXT_STATUSES[current.status].includes(to)) {
      throw new ConflictError(`case ${caseId} is ${current.status}, so it cannot be ${to}`);
    }
    if (await deps.cases.transition(caseId, current.status, to, fields)) return getCase(caseId, deps);
    const now = await getCase(caseId, deps);
    if (now.status !== current.status) {
      throw new ConflictError(`case ${caseId} was just ${now.status} by someone else`);
    }
    // Only its answer or its escalation moved meanwhile: read it again and move it.
  }
  throw new ConflictError(`case ${caseId} kept changing; try again`);
};

/** A lead is on it. */
export const acknowledgeCase = async (caseId: string, input: unknown, deps: CaseDeps): Promise<Case> => {
  const { by, onBehalfOf } = actedBy(parseOrThrow(AcknowledgeCaseSchema, input ?? {}));
  return moveCase(
    caseId,
    'acknowledged',
    {
      acknowledgedAt: deps.clock.now().toISOString(),
      acknowledgedBy: by,
      ...(onBehalfOf ? { acknowledgedOnBehalfOf: onBehalfOf } : {}),
    },
    deps,
  );
};
