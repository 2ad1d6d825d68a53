import {
  AcknowledgeCaseSchema,
  type Case,
  type CaseStatus,
  ListCasesSchema,
  NEXT_STATUSES,
  type RecoverySurvey,
  ResolveCaseSchema,
  recoveryInteractionIdOf,
} from '../domain/case.js';
import { ConflictError, NotFoundError, parseOrThrow } from '../domain/errors.js';
import { type InteractionCompleted, MAX_ATTRIBUTES, MAX_ATTRIBUTES_BYTES } from '../domain/interaction.js';
import { type AcceptInteractionDeps, acceptInteraction } from './accept-interaction.js';
import type { CaseStore, Clock } from './ports.js';

export interface CaseDeps {
  cases: CaseStore;
  clock: Clock;
}

/** Resolving sends the recovery survey when the stage has one, as any interaction is accepted. */
export type ResolveDeps = CaseDeps &
  ({ recoverySurvey?: null | undefined } | ({ recoverySurvey: RecoverySurvey } & AcceptInteractionDeps));

/**
 * The newest cases, of a status and a team when asked, a page at a time (`next` leads to the next);
 * a wrong filter is a 400 naming it.
 */
export const listCases = async (query: unknown, deps: CaseDeps): Promise<{ cases: Case[]; next?: string }> =>
  deps.cases.list(parseOrThrow(ListCasesSchema, query ?? {}));

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
const move = async (caseId: string, to: CaseStatus, fields: Partial<Case>, deps: CaseDeps): Promise<Case> => {
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
  const { by } = parseOrThrow(AcknowledgeCaseSchema, input ?? {});
  return move(
    caseId,
    'acknowledged',
    { acknowledgedAt: deps.clock.now().toISOString(), acknowledgedBy: by },
    deps,
  );
};

/**
 * Closed with a reason code and a note; an open case may be resolved without an acknowledgement. When
 * the stage sends recovery surveys and the reason is one that sends it, the customer is invited before
 * the case moves: the invitation is one per case, so a retried resolve invites once, and a case is
 * never resolved without the survey it should have sent.
 */
export const resolveCase = async (caseId: string, input: unknown, deps: ResolveDeps): Promise<Case> => {
  const { reason, note, by, recoverySurvey } = parseOrThrow(ResolveCaseSchema, input ?? {});
  const current = await getCase(caseId, deps);
  let recoveryInvitationId: string | undefined;
  if (
    deps.recoverySurvey &&
    recoverySurvey &&
    deps.recoverySurvey.onReasons.includes(reason) &&
    NEXT_STATUSES[current.status].includes('resolved') &&
    // A case opened by a recovery survey's own answer gets no survey of its own: no chain of them.
    current.touchpoint !== deps.recoverySurvey.touchpoint
  ) {
    recoveryInvitationId = await inviteToRecovery(current, deps.recoverySurvey, deps);
  }
  return move(
    caseId,
    'resolved',
    {
      resolvedAt: deps.clock.now().toISOString(),
      resolvedBy: by,
      resolution: { reason, note },
      recoveryInvitationId,
    },
    deps,
  );
};

/** Invites the case's customer, by the channel of the first survey, to the recovery survey. */
const inviteToRecovery = async (
  opened: Case,
  settings: RecoverySurvey,
  deps: AcceptInteractionDeps,
): Promise<string | undefined> => {
  // A case is opened from its invitation's answer, so the invitation is there; if not, there is nobody to ask.
  const first = await deps.invitations.get(opened.caseId);
  if (!first) return undefined;
  const linked = { ...first.attributes, case: opened.caseId };
  // The ticket link and the rest, and the case, as far as the attribute limits allow.
  const attributes =
    Object.keys(linked).length <= MAX_ATTRIBUTES && JSON.stringify(linked).length <= MAX_ATTRIBUTES_BYTES
      ? linked
      : first.attributes;
  const interaction: InteractionCompleted = {
    interactionId: recoveryInteractionIdOf(opened.caseId),
    occurredAt: deps.clock.now().toISOString(),
    survey: settings.survey,
    customer: first.customer,
    inviteVia: first.via,
    touchpoint: settings.touchpoint,
    channel: first.channel,
    team: first.team,
    agent: first.agent,
    attributes,
  };
  return (await acceptInteraction(interaction, deps)).invitationId;
};
