import { createHmac } from 'node:crypto';
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
import { measure } from '../platform/metrics.js';
import type { SecretSource } from '../platform/secret.js';
import { scoreSchema } from '../surveys/scales.js';
import { dayOf } from '../surveys/window.js';
import type { PageStamps } from './ports.js';
import {
  type AnswerSignals,
  judgeAnswer,
  PAGE_STAMP_MAX_AGE_MS,
  type PageStamp,
  scriptProofOf,
  signPageStamp,
  verifyPageStamp,
} from './web/answer-signals.js';

export interface AnswerDeps {
  invitations: InvitationStore;
  responses: ResponseStore;
  /** Where each page stamp's one use is recorded. */
  stamps: PageStamps;
  clock: Clock;
  signingKey: SecretSource;
}

/**
 * How many changes one invitation's answer takes after the first answer, by any channel: a score or
 * comment changed, a suspect answer replaced, a change held beside a counted answer. A person who
 * changes their mind, comments, and fixes a typo uses a handful; past this the answer stays as it is
 * (the page says it can no longer be changed; an SMS reply changes nothing), so that one link or one
 * number cannot write an answer, and move its case, without end. A lead releasing a held change is
 * not a change by the customer and is never refused. The count is read, not written conditionally:
 * POSTs in flight at the same moment can each take the last change, so the cap is passed by at most
 * the requests that race for it; the case updates they cause are coalesced all the same.
 */
export const MAX_ANSWER_CHANGES = 20;

/** The answer took every change it may take (see {@link MAX_ANSWER_CHANGES}). */
export const isAnswerLocked = (response: Pick<Response, 'changes'> | null): boolean =>
  (response?.changes ?? 0) >= MAX_ANSWER_CHANGES;

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
  /** The page's stamp (its signed render time and id), which its form posts back, once. */
  stamp: string;
  /** The answer takes no more changes: the page shows it instead of the form. */
  locked: boolean;
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
    locked: isAnswerLocked(response),
  };
};

/** What the form posts besides the answer: the page's stamp, the script's proof and what it saw. */
export interface FormSignals {
  stamp?: unknown;
  proof?: unknown;
  interactions?: unknown;
}

/**
 * What became of one POST: `recorded` (stored, counted or as suspect), `held` (kept beside a person's
 * counted answer), `unchanged` (it asked nothing new: the form sent again), `locked` (the answer takes
 * no more changes).
 */
export type AnswerOutcome = 'recorded' | 'held' | 'unchanged' | 'locked';

/** What one POST did: the answer as stored, and what it sent when that was held beside a counted answer. */
export interface RecordedAnswer {
  outcome: AnswerOutcome;
  response: Response;
  /** The POST was judged suspect on top of a person's counted answer: `response.heldChange`, else null. */
  held: HeldChange | null;
  /** What the person is shown: what they sent, or, when the answer is locked, the answer as it stands. */
  shown: { score: number; comment: string };
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
 *
 * Each rendered page's stamp sends one answer, within {@link PAGE_STAMP_MAX_AGE_MS} of the page. Its
 * use is recorded (with a keyed digest of the answer, never the words) before the answer is stored,
 * and a second POST of the same stamp is judged by what it asks:
 * - the same answer (a double click, a reload of the thank-you page that posts again): nothing to do,
 *   the person is thanked as before; when the first POST is still on its way, this one stores the same
 *   answer, so neither can make the other suspect;
 * - another answer (the back button and a changed form, or a stamp copied into a script): held as
 *   suspect with the reason, like any other sign of a machine, so the person's words are kept for a
 *   lead to release rather than lost, and no replayed stamp moves a metric or a case.
 * An expired stamp is held the same way. Re-rendering the page to ask the person to confirm was the
 * other way: it loses the words of everyone who leaves at that page, and a script would confirm.
 *
 * An answer that took {@link MAX_ANSWER_CHANGES} changes takes no more: the POST is answered
 * `locked` and stores nothing.
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
  const asked = { score: answer.score, comment: answer.comment };
  // The counted answer, sent again as it stands (the form as rendered): nothing to judge or store.
  if (counted && sameAnswer(counted, answer)) {
    return { outcome: 'unchanged', response: counted, held: null, shown: asked };
  }
  if (existing && isAnswerLocked(existing)) return lockedAnswer(counted ?? existing);
  const key = await deps.signingKey();
  const stamp =
    typeof input.stamp === 'string' ? verifyPageStamp(input.stamp, invitation.invitationId, key) : null;
  const signals = signalsOf(invitation, input, stamp, client.userAgent, deps.clock.now());
  let spent: PageStamp | null = null;
  if (stamp && (signals.pageDwellMs ?? 0) <= PAGE_STAMP_MAX_AGE_MS) {
    const use = await deps.stamps.use(
      invitation.invitationId,
      stamp.id,
      answerDigest(invitation.invitationId, answer, key),
      new Date(stamp.renderedAt.getTime() + PAGE_STAMP_MAX_AGE_MS),
    );
    if (use === 'repeat' && existing)
      return { outcome: 'unchanged', response: existing, held: null, shown: asked };
    if (use === 'reused') signals.stampUsedBefore = true;
    if (use === 'first') spent = stamp;
  }
  try {
    return await keepAnswer(invitation, answer, existing, signals, deps);
  } catch (error) {
    // Nothing was stored: the stamp is given back, so that the person's retry is this answer's first use.
    if (spent) await deps.stamps.giveBack(invitation.invitationId, spent.id);
    throw error;
  }
};

/** Judges a POST whose stamp is settled, then keeps it: counted, as suspect, or held beside the counted answer. */
const keepAnswer = async (
  invitation: Invitation,
  answer: { score: number; comment: string },
  existing: Response | null,
  signals: AnswerSignals,
  deps: AnswerDeps,
): Promise<RecordedAnswer> => {
  const counted = existing && !existing.suspect ? existing : null;
  const asked = { score: answer.score, comment: answer.comment };
  const verdict = judgeAnswer(signals, { keepsCountedScore: counted?.score === answer.score });
  if (verdict.suspect && counted) {
    const kept = await holdChange(counted, answer, verdict.reasons, signals, deps);
    if (!kept) return lockedAnswer(counted);
    return { outcome: 'held', response: kept, held: kept.heldChange ?? null, shown: asked };
  }
  const stored = await storeAnswer(
    invitation,
    { ...answer, suspect: verdict.suspect, suspectReasons: verdict.reasons, suspectSignals: signals },
    deps,
  );
  if (stored.locked) return lockedAnswer(stored.response);
  return { outcome: 'recorded', response: stored.response, held: null, shown: asked };
};

const sameAnswer = (stored: Response, asked: { score: number; comment: string }): boolean =>
  stored.score === asked.score && stored.comment === asked.comment;

const lockedAnswer = (stands: Response): RecordedAnswer => ({
  outcome: 'locked',
  response: stands,
  held: null,
  shown: { score: stands.score, comment: stands.comment },
});

/**
 * What a stamp's use remembers of the answer it sent: a digest keyed with the signing key, so that a
 * repeat of the same form is told from another answer without keeping the words, and the digest of a
 * short comment cannot be guessed back.
 */
const answerDigest = (invitationId: string, answer: { score: number; comment: string }, key: string) =>
  createHmac('sha256', key)
    .update(`answer:${invitationId}:${answer.score}:${answer.comment}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');

/**
 * Keeps a suspect change beside a person's counted answer, which stays as it is (its `updatedAt`
 * too), so that the metrics and alerts see no change. A later held change replaces an earlier one,
 * but not its words: the page shows the counted comment, not the held one, so a second held POST
 * would otherwise drop what the first said. Its comment is the earlier held comment, unless the
 * newer one holds it already, followed by the newer one, within the comment limit (the newer words
 * first to be kept). A held change is a change of the answer: it counts against
 * {@link MAX_ANSWER_CHANGES}; null when the answer takes no more. One that asks what is held already
 * writes nothing.
 */
const holdChange = async (
  counted: Response,
  change: { score: number; comment: string },
  reasons: string[],
  signals: AnswerSignals,
  deps: Pick<AnswerDeps, 'responses' | 'clock'>,
): Promise<Response | null> => {
  const comment = joinHeldComments(counted.heldChange?.comment ?? '', change.comment);
  const earlier = counted.heldChange;
  if (earlier && earlier.score === change.score && earlier.comment === comment) return counted;
  if (isAnswerLocked(counted)) return null;
  measure('AnswersSuspect', 1, 'web');
  return deps.responses.save({
    ...counted,
    heldChange: {
      score: change.score,
      comment,
      reasons,
      signals,
      receivedAt: deps.clock.now().toISOString(),
    },
    changes: (counted.changes ?? 0) + 1,
  });
};

const joinHeldComments = (earlier: string, newer: string): string => {
  if (newer.includes(earlier)) return newer;
  const room = MAX_COMMENT_LENGTH - newer.length - 1;
  if (room <= 0) return newer;
  return newer ? `${earlier.slice(0, room)}\n${newer}` : earlier;
};

const signalsOf = (
  invitation: Invitation,
  input: FormSignals,
  stamp: PageStamp | null,
  userAgent: string,
  now: Date,
): AnswerSignals => {
  const posted = typeof input.stamp === 'string' ? input.stamp : '';
  const interactions = Number.parseInt(typeof input.interactions === 'string' ? input.interactions : '0', 10);
  const counted = Number.isFinite(interactions) ? Math.max(0, interactions) : 0;
  return {
    scriptRan: posted !== '' && input.proof === scriptProofOf(posted, counted),
    interactions: Math.min(counted, 100_000),
    pageDwellMs: stamp ? Math.max(0, now.getTime() - stamp.renderedAt.getTime()) : null,
    sinceSentMs: invitation.sentAt ? now.getTime() - new Date(invitation.sentAt).getTime() : null,
    userAgent,
  };
};

/**
 * Releases what is held into the metrics and alerts (the stream does the rest), once someone has
 * looked at it: an answer held as suspect counts as it is; a held change of a counted answer becomes
 * the counted answer. The reasons stay for the record, and who released it (a lead's email, or
 * `integrator:<credential>`).
 */
export const releaseAnswer = async (
  interactionId: string,
  releasedBy: string,
  deps: Pick<AnswerDeps, 'invitations' | 'responses' | 'clock'>,
): Promise<Response> => {
  const invitation = await deps.invitations.get(invitationIdOf(interactionId));
  const response = invitation ? await deps.responses.get(invitation.invitationId) : null;
  if (!invitation || !response) throw new NotFoundError(`interaction ${interactionId} has no answer`);
  const now = deps.clock.now().toISOString();
  if (response.suspect) {
    return deps.responses.save({ ...response, suspect: false, releasedAt: now, releasedBy, updatedAt: now });
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
    releasedBy,
    updatedAt: now,
  });
};

/**
 * Stores an invitation's answer, first or changed, by any channel (the page and SMS replies): the
 * first answer's day and time are kept, the segment values come from the invitation. A held change
 * stays beside a newer counted answer unless that answer's comment holds its words: then nothing of it
 * would be lost, and the person's later answer supersedes it. A save that changes nothing writes
 * nothing; each change counts against {@link MAX_ANSWER_CHANGES}, and once the answer took them all
 * it stays as it is. `stored` is the answer as the caller has just read it (null: none yet), which is
 * then not read again. Answers the answer as stored.
 */
export const saveAnswer = async (
  invitation: Invitation,
  answer: NewAnswer,
  deps: Pick<AnswerDeps, 'responses' | 'clock'>,
  stored?: Response | null,
): Promise<Response> => (await storeAnswer(invitation, answer, deps, stored)).response;

interface NewAnswer {
  score: number;
  comment: string;
  suspect?: boolean;
  suspectReasons?: string[];
  suspectSignals?: AnswerSignals;
}

const storeAnswer = async (
  invitation: Invitation,
  answer: NewAnswer,
  deps: Pick<AnswerDeps, 'responses' | 'clock'>,
  stored?: Response | null,
): Promise<{ response: Response; locked: boolean }> => {
  const now = deps.clock.now();
  const existing = stored === undefined ? await deps.responses.get(invitation.invitationId) : stored;
  const suspect = answer.suspect ?? false;
  const held = existing?.heldChange;
  const heldChange = held && !suspect && !answer.comment.includes(held.comment) ? held : undefined;
  if (existing) {
    if (sameAnswer(existing, answer) && existing.suspect === suspect && existing.heldChange === heldChange) {
      return { response: existing, locked: false };
    }
    if (isAnswerLocked(existing)) return { response: existing, locked: true };
  }
  const response = await deps.responses.save({
    invitationId: invitation.invitationId,
    interactionId: invitation.interactionId,
    survey: invitation.survey,
    score: answer.score,
    comment: answer.comment,
    suspect,
    suspectReasons: suspect ? answer.suspectReasons : undefined,
    suspectSignals: suspect ? answer.suspectSignals : undefined,
    heldChange,
    changes: existing ? (existing.changes ?? 0) + 1 : undefined,
    day: existing?.day ?? dayOf(now),
    answeredAt: existing?.answeredAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    team: invitation.team,
    channel: invitation.channel,
    touchpoint: invitation.touchpoint,
    agent: invitation.agent,
    locale: invitation.customer.locale,
    customerId: invitation.customer.id,
    customerName: invitation.customer.name,
    customerEmail: invitation.customer.email,
    customerPhone: invitation.customer.phone,
    attributes: invitation.attributes,
  });
  measure(suspect ? 'AnswersSuspect' : 'AnswersCounted', 1, answerChannelOf(invitation));
  return { response, locked: false };
};

/** Where an answer came from, for ops: a text, or the survey page. */
const answerChannelOf = (invitation: Invitation): string => (invitation.via === 'sms' ? 'sms' : 'web');
