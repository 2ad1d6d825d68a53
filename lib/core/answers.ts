import { z } from 'zod';
import { NotFoundError, parseOrThrow } from '../domain/errors.js';
import type { Invitation } from '../domain/invitation.js';
import { CommentSchema, type Response } from '../domain/response.js';
import { scoreSchema } from '../domain/survey.js';
import { verifyToken } from '../domain/token.js';
import { dayOf } from '../domain/window.js';
import type { Clock, InvitationStore, ResponseStore, SecretSource } from './ports.js';

export interface AnswerDeps {
  invitations: InvitationStore;
  responses: ResponseStore;
  clock: Clock;
  signingKey: SecretSource;
}

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
}

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
  const response = await deps.responses.get(invitation.invitationId);
  const fromLink = scoreSchema(invitation.survey).safeParse(score?.trim() ? Number(score) : undefined);
  return { invitation, response, selectedScore: fromLink.success ? fromLink.data : response?.score };
};

/**
 * Records an answer, or changes it: one response per invitation. The score must be on the survey's
 * scale; the comment is optional and bounded.
 */
export const recordAnswer = async (
  token: string,
  input: { score?: unknown; comment?: unknown },
  deps: AnswerDeps,
): Promise<Response> => {
  const invitation = await invitationForToken(token, deps);
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
  return saveAnswer(invitation, answer, deps);
};

/**
 * Stores an invitation's answer, first or changed: the first answer's day and time are kept, the
 * segment values come from the invitation.
 */
export const saveAnswer = async (
  invitation: Invitation,
  answer: { score: number; comment: string },
  deps: Pick<AnswerDeps, 'responses' | 'clock'>,
): Promise<Response> => {
  const now = deps.clock.now();
  const existing = await deps.responses.get(invitation.invitationId);
  return deps.responses.save({
    invitationId: invitation.invitationId,
    interactionId: invitation.interactionId,
    survey: invitation.survey,
    score: answer.score,
    comment: answer.comment,
    suspect: false,
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
