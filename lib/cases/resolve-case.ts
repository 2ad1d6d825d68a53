import { MAX_ATTRIBUTES, MAX_ATTRIBUTES_BYTES } from '../invitations/invitation.js';
import {
  type ScheduleInteractionDeps,
  scheduleInteraction,
  type ValidInteraction,
} from '../invitations/schedule-interaction.js';
import { parseOrThrow } from '../platform/errors.js';
import {
  actedBy,
  type Case,
  NEXT_STATUSES,
  type RecoverySurvey,
  ResolveCaseSchema,
  recoveryInteractionIdOf,
} from './case.js';
import { type CaseDeps, getCase, moveCase } from './cases.js';
import { actingOf } from './timeline.js';

/**
 * Resolving sends the recovery survey when the stage has one, scheduled as any interaction is. It is
 * built from the stored invitation, valid already (its phone in E.164): no intake, no phone library.
 */
export type ResolveDeps = CaseDeps & ScheduleInteractionDeps & { recoverySurvey: RecoverySurvey | null };

/**
 * Closed with a reason code and a note; an open case may be resolved without an acknowledgement. When
 * the stage sends recovery surveys and the reason is one that sends it, the customer is invited before
 * the case moves: the invitation is one per case, so a retried resolve invites once, and a case is
 * never resolved without the survey it should have sent.
 */
export const resolveCase = async (caseId: string, input: unknown, deps: ResolveDeps): Promise<Case> => {
  const { reason, note, recoverySurvey, ...acting } = parseOrThrow(ResolveCaseSchema, input ?? {});
  const { by, onBehalfOf } = actedBy(acting);
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
  const at = deps.clock.now().toISOString();
  return moveCase(
    caseId,
    {
      to: 'resolved',
      fields: {
        resolvedAt: at,
        resolvedBy: by,
        ...(onBehalfOf ? { resolvedOnBehalfOf: onBehalfOf } : {}),
        resolution: { reason, note },
        recoveryInvitationId,
      },
      entry: {
        kind: 'resolved',
        at,
        ...actingOf({ by, onBehalfOf }),
        reason,
        note,
        ...(recoveryInvitationId ? { recoveryInvitationId } : {}),
      },
    },
    deps,
  );
};

/** Invites the case's customer, by the channel of the first survey, to the recovery survey. */
const inviteToRecovery = async (
  opened: Case,
  settings: RecoverySurvey,
  deps: ScheduleInteractionDeps,
): Promise<string | undefined> => {
  // A case is opened from its invitation's answer, so the invitation is there; if not, or if its
  // person was erased, there is nobody to ask.
  const first = await deps.invitations.get(opened.caseId);
  if (!first || first.erasedAt !== undefined) return undefined;
  const linked = { ...first.attributes, case: opened.caseId };
  // The ticket link and the rest, and the case, as far as the attribute limits allow.
  const attributes =
    Object.keys(linked).length <= MAX_ATTRIBUTES && JSON.stringify(linked).length <= MAX_ATTRIBUTES_BYTES
      ? linked
      : first.attributes;
  const interaction: ValidInteraction = {
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
  return (await scheduleInteraction(interaction, deps)).invitationId;
};
