import * as z from 'zod';
import { type Invitation, isSurveyOpen } from '../invitations/invitation.js';
import { invitationIdOf, verifyToken } from '../invitations/link-tokens.js';
import type { InvitationStore, ResponseStore } from '../invitations/ports.js';
import {
  CommentSchema,
  type HeldChange,
  MAX_COMMENT_LENGTH,
  type Response,
} from '../invitations/response.js';
import type { Clock } from '../platform/clock.js';
import { ConflictError, NotFoundError, parseOrThrow, SurveyClosedError } from '../platform/errors.js';
import type { SecretSource } from '../platform/secret.js';
import { scoreSchema } from '../surveys/scales.js';
import { dayOf } from '../surveys/window.js';
import {
  type AnswerSignals,
  judgeAnswer,
  scriptProofOf,
  signPageStamp,
  verifyPageStamp,
} from './web/answer-signals.js';

export interface AnswerDeps {
  invitations: InvitationStore;
  responses: ResponseStore;
  clock: Clock;
  signingKey: SecretSource;
}

/** Answers are taken for SURVEY_OPEN_DAYS after the send; an invitation not sent yet takes none. */
const assertOpen = (invitation: Invitation, now: Date): void => {
  if (!isSurveyOpen(invitation, now)) throw new SurveyClosedError(invitation.customer.locale);
};

/** The invitation a survey token stands for; a forged, damaged or unknown token is not found. */
export const invitationForToken = async (token: string, deps: AnswerDeps): Promise<Invitation> => {
  const invitationId = verifyToken(token, 'survey', await deps.signingKey());
  const invitation = invitationId ? await deps.invitations.get(invitationId) : null;
  if (!invitation) throw new NotFoundError('this survey link is not valid');
  return invitation;
};

export interface SurveyView {
  invitation: Invitation;
  response: Response | null;
  selectedScore: number | undefined;
  /** The page's signed render time, which its form posts back. */
  stamp: string;
}

/** A fresh page stamp for an invitation's form. */
export const pageStampFor = async (invitationId: string, deps: Pick<AnswerDeps, 'clock' | 'signingKey'>) =>
  signPageStamp(invitationId, deps.clock.now(), await deps.signingKey());

/**
 * What the survey page shows for a link: the score from the link preselected when it is on the
 * scale, else the recorded answer's. Reading the page records nothing.
 */
export const viewSurvey = async (
  token: string,
  score: string | undefined,
  deps: AnswerDeps,
): Promise<SurveyView> => {
  const invitation = await invitationForToken(token, deps);
  assertOpen(invitation, deps.clock.now());
  const response = await deps.responses.get(invitation.invitationId);
  const fromLink = scoreSchema(invitation.survey).safeParse(score?.trim() ? Number(score) : undefined);
  return {
    invitation,
    response,
    selectedScore: fromLink.success ? fromLink.data : response?.score,
    stamp: await pageStampFor(invitation.invitationId, deps),
  };
};

/** What the form posts besides the answer: the page's stamp, the script's proof and what it saw. */
export interface FormSignals {
  stamp?: unknown;
  proof?: unknown;
  interactions?: unknown;
}

/** What one POST did: the answer as stored, and what it sent when that was held beside a counted answer. */
export interface RecordedAnswer {
  response: Response;
  /** The POST was judged suspect on top of a person's counted answer: `response.heldChange`, else null. */
  held: HeldChange | null;
}

/**
 * Records an answer, or changes it: one response per invitation. The score must be on the survey's
 * scale; the comment is optional and bounded. The answer is judged for the signs of a person (see
 * `judgeAnswer`): without them it is kept as suspect, with the reasons, out of the metrics and alerts
 * until released. A suspect POST never replaces a person's answer: it is kept beside it as a held
 * change (see {@link recordAnswerTo}). Answers the answer as stored.
 */
export const recordAnswer = async (
  token: string,
  input: { score?: unknown; comment?: unknown } & FormSignals,
  deps: AnswerDeps,
  client: { userAgent: string } = { userAgent: '' },
): Promise<Response> =>
  (await recordAnswerTo(await invitationForToken(token, deps), input, deps, client)).response;

/**
 * The same, for an invitation the caller has read already (from its token), saying what became of
 * the POST. A POST that keeps the score of a person's counted answer is not judged on page dwell (the
 * comment the page asks for next comes from someone who read the question). A POST still judged
 * suspect on top of a counted answer changes nothing that counts: it is kept on the response as its
 * held change, which a lead sees and may release (see {@link releaseAnswer}).
 */
export const recordAnswerTo = async (
  invitation: Invitation,
  input: { score?: unknown; comment?: unknown } & FormSignals,
  deps: AnswerDeps,
  client: { userAgent: string },
): Promise<RecordedAnswer> => {
  assertOpen(invitation, deps.clock.now());
  const answer = parseOrThrow(
    z.object({
      score: z
        .union(
          [
            z.number(),
            z
              .string()
              .trim()
              .regex(/^\d{1,3}$/)
              .transform(Number),
          ],
          {
            error: (issue) => (issue.input === undefined ? 'is required' : 'must be a whole number'),
          },
        )
        .pipe(scoreSchema(invitation.survey)),
      comment: CommentSchema.optional().default(''),
    }),
    {
      score: typeof input.score === 'string' && input.score.trim() === '' ? undefined : input.score,
      comment: input.comment,
    },
  );
  const existing = await deps.responses.get(invitation.invitationId);
  const counted = existing && !existing.suspect ? existing : null;
  const signals = await signalsOf(invitation, input, client.userAgent, deps);
  const verdict = judgeAnswer(signals, { keepsCountedScore: counted?.score === answer.score });
  if (verdict.suspect && counted) {
    // The form as it was rendered, sent again (a scanner does that): there is nothing to hold.
    if (answer.score === counted.score && answer.comment === counted.comment) {
      return { response: counted, held: null };
    }
    const response = await holdChange(counted, answer, verdict.reasons, signals, deps);
    return { response, held: response.heldChange ?? null };
  }
  const response = await saveAnswer(
    invitation,
    { ...answer, suspect: verdict.suspect, suspectReasons: verdict.reasons, suspectSignals: signals },
    deps,
  );
  return { response, held: null };
};

/**
 * Keeps a suspect change beside a person's counted answer, which stays as it is (its `updatedAt`
 * too), so that the metrics and alerts see no change. A later held change replaces an earlier one,
 * but not its words: the page shows the counted comment, not the held one, so a second held POST
 * would otherwise drop what the first said. Its comment is the earlier held comment, unless the
 * newer one holds it already, followed by the newer one, within the comment limit (the newer words
 * first to be kept).
 */
const holdChange = (
  counted: Response,
  change: { score: number; comment: string },
  reasons: string[],
  signals: AnswerSignals,
  deps: Pick<AnswerDeps, 'responses' | 'clock'>,
): Promise<Response> =>
  deps.responses.save({
    ...counted,
    heldChange: {
      score: change.score,
      comment: joinHeldComments(counted.heldChange?.comment ?? '', change.comment),
      reasons,
      signals,
      receivedAt: deps.clock.now().toISOString(),
    },
  });

const joinHeldComments = (earlier: string, newer: string): string => {
  if (newer.includes(earlier)) return newer;
  const room = MAX_COMMENT_LENGTH - newer.length - 1;
  if (room <= 0) return newer;
  return newer ? `${earlier.slice(0, room)}\n${newer}` : earlier;
};

const signalsOf = async (
  invitation: Invitation,
  input: FormSignals,
  userAgent: string,
  deps: Pick<AnswerDeps, 'clock' | 'signingKey'>,
): Promise<AnswerSignals> => {
  const now = deps.clock.now();
  const stamp = typeof input.stamp === 'string' ? input.stamp : '';
  const renderedAt = verifyPageStamp(stamp, invitation.invitationId, await deps.signingKey());
  const interactions = Number.parseInt(typeof input.interactions === 'string' ? input.interactions : '0', 10);
  return {
    scriptRan: stamp !== '' && input.proof === scriptProofOf(stamp),
    interactions: Number.isFinite(interactions) ? Math.max(0, Math.min(interactions, 100_000)) : 0,
    pageDwellMs: renderedAt ? Math.max(0, now.getTime() - renderedAt.getTime()) : null,
    sinceSentMs: invitation.sentAt ? now.getTime() - new Date(invitation.sentAt).getTime() : null,
    userAgent,
  };
};

/**
 * Releases what is held into the metrics and alerts (the stream does the rest), once someone has
 * looked at it: an answer held as suspect counts as it is; a held change of a counted answer becomes
 * the counted answer. The reasons stay for the record.
 */
export const releaseAnswer = async (
  interactionId: string,
  deps: Pick<AnswerDeps, 'invitations' | 'responses' | 'clock'>,
): Promise<Response> => {
  const invitation = await deps.invitations.get(invitationIdOf(interactionId));
  const response = invitation ? await deps.responses.get(invitation.invitationId) : null;
  if (!invitation || !response) throw new NotFoundError(`interaction ${interactionId} has no answer`);
  const now = deps.clock.now().toISOString();
  if (response.suspect) {
    return deps.responses.save({ ...response, suspect: false, releasedAt: now, updatedAt: now });
  }
  const held = response.heldChange;
  if (!held) throw new ConflictError(`the answer to ${interactionId} holds nothing to release`);
  return deps.responses.save({
    ...response,
    score: held.score,
    comment: held.comment,
    suspectReasons: held.reasons,
    suspectSignals: held.signals,
    heldChange: undefined,
    releasedAt: now,
    updatedAt: now,
  });
};

/**
 * Stores an invitation's answer, first or changed: the first answer's day and time are kept, the
 * segment values come from the invitation. A held change stays beside a newer counted answer unless
 * that answer's comment holds its words: then nothing of it would be lost, and the person's later
 * answer supersedes it.
 */
export const saveAnswer = async (
  invitation: Invitation,
  answer: {
    score: number;
    comment: string;
    suspect?: boolean;
    suspectReasons?: string[];
    suspectSignals?: AnswerSignals;
  },
  deps: Pick<AnswerDeps, 'responses' | 'clock'>,
): Promise<Response> => {
  const now = deps.clock.now();
  const existing = await deps.responses.get(invitation.invitationId);
  const held = existing?.heldChange;
  return deps.responses.save({
    invitationId: invitation.invitationId,
    interactionId: invitation.interactionId,
    survey: invitation.survey,
    score: answer.score,
    comment: answer.comment,
    suspect: answer.suspect ?? false,
    suspectReasons: answer.suspect ? answer.suspectReasons : undefined,
    suspectSignals: answer.suspect ? answer.suspectSignals : undefined,
    heldChange: held && !answer.suspect && !answer.comment.includes(held.comment) ? held : undefined,
    day: existing?.day ?? dayOf(now),
    answeredAt: existing?.answeredAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    team: invitation.team,
    channel: invitation.channel,
    touchpoint: invitation.touchpoint,
    agent: invitation.agent,
    customerId: invitation.customer.id,
    customerName: invitation.customer.name,
    customerEmail: invitation.customer.email,
    customerPhone: invitation.customer.phone,
    attributes: invitation.attributes,
  });
};
