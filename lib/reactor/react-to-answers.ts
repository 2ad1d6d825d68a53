import type { AlertDeps } from '../cases/alert-on-unhappy-answer.js';
import { alertAndFindCase, type CaseOfAnswer } from '../cases/case-of-answer.js';
import type { CaseTransition } from '../cases/case-stream-records.js';
import {
  countCaseFollowUps,
  type FollowUpDeps,
  type FollowUpOutcome,
} from '../cases/count-case-follow-ups.js';
import type { DetailType } from '../events/events.js';
import { type EventsDeps, publishAnswerEvents, publishCaseEvents } from '../events/publish-events.js';
import { entryOf, listedLabelsOf } from '../feedback/entry.js';
import { type ListingDeps, listAnswer } from '../feedback/list-answer.js';
import { type CommentInsight, type InsightDeps, labelComment } from '../insight/label-comment.js';
import { commentDigestOf } from '../insight/labels.js';
import type { LabelsTransition } from '../insight/labels-stream-records.js';
import type { ResponseStore } from '../invitations/ports.js';
import type { ResponseTransition } from '../invitations/response.js';

/**
 * Everything the reactor needs: the union of its steps' dependencies, and the answers, which settled
 * labels are listed with.
 */
export type ReactorDeps = InsightDeps &
  AlertDeps &
  EventsDeps &
  FollowUpDeps &
  ListingDeps & { responses: ResponseStore };

/**
 * What the steps learned of one answer change so far: each step's part, handed to the steps after it
 * (the alert carries the comment's labels, the listing shows the case the alert step found). A step
 * adds its own fields here.
 */
export type Reaction = Partial<CaseOfAnswer> & {
  /** The comment's labels: null without a comment, absent when not analysed (a suspect answer). */
  insight?: CommentInsight | null;
  followUps?: FollowUpOutcome;
};

/**
 * One reaction to a changed answer: it reads what the steps before it learned and answers what it
 * learned itself. A stream record may be delivered again, and a batch may fail part-way, so each step
 * must be idempotent on its own: a replay runs every step again.
 */
export type ReactorStep = (
  transition: ResponseTransition,
  deps: ReactorDeps,
  reaction: Readonly<Reaction>,
) => Promise<Partial<Reaction>>;

/**
 * The reactor's steps for each answer change, in stages that run in this order; the steps of one stage
 * learn nothing from one another, so they run at once, each with what the stages before learned. The
 * DynamoDB stream serves two readers per shard: the fold keeps every count (lib/aggregates), and the
 * reactor does everything else that follows a change. New work joins here as a step (events out after
 * the alert), never as a third stream reader. The comment is labelled first, so that the alert and the
 * listing carry its labels; the alert goes out before the rest, which need only its case.
 */
export const REACTOR_STEPS: readonly (readonly ReactorStep[])[] = [
  [labelComment],
  [(transition, deps, { insight }) => alertAndFindCase(transition, deps, insight)],
  [
    async (transition, deps, { caseId, insight }) => {
      await publishAnswerEvents(transition, deps, caseId, listedLabelsOf(insight));
      return {};
    },
    async (transition, deps) => ({ followUps: await countCaseFollowUps(transition, deps) }),
    (transition, deps, reaction) =>
      listAnswer(transition, deps, { caseId: reaction.caseId, ...listedLabelsOf(reaction.insight) }),
  ],
];

/**
 * Whether the answer's person was erased after this change was recorded (a record still in flight, or
 * delivered again): then nothing follows from it, no comment sent out for analysis, no alert, no event,
 * no listing, for the erasure took the words and the person away. One consistent read of the answer.
 */
const erasedSince = async ({ after }: ResponseTransition, deps: Pick<ReactorDeps, 'responses'>) =>
  after !== null && (await deps.responses.get(after.invitationId))?.erasedAt !== undefined;

/**
 * For an answer erased since: the copies a reaction to this very change listed before it failed,
 * which the erasure could not know of, are taken back (they are where its labels and case put them).
 */
const takeBackListing = async ({ after }: ResponseTransition, deps: ReactorDeps): Promise<void> => {
  if (!after) return;
  const [labels, kept] = await Promise.all([
    deps.labels.get(after.invitationId),
    deps.cases.get(after.invitationId),
  ]);
  await deps.feedback.takeBack(
    after.invitationId,
    entryOf(after, { caseId: kept?.caseId, ...listedLabelsOf(labels) }),
  );
};

/**
 * Runs every stage of steps for one answer change, in order, each step with what the stages before
 * learned; a stage with a step that threw stops it, once its other steps are done (each is idempotent,
 * so the retry runs them again). Answers what they all learned.
 */
export const reactToAnswer = async (transition: ResponseTransition, deps: ReactorDeps): Promise<Reaction> => {
  if (await erasedSince(transition, deps)) {
    await takeBackListing(transition, deps);
    return {};
  }
  let reaction: Reaction = {};
  for (const stage of REACTOR_STEPS) {
    const learned = await Promise.allSettled(stage.map((step) => step(transition, deps, reaction)));
    const failed = learned.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    reaction = Object.assign(
      {},
      reaction,
      ...learned.map((result) => (result as PromiseFulfilledResult<Partial<Reaction>>).value),
    );
  }
  return reaction;
};

/**
 * What the reactor does when a case changes (lib/cases writes it: the alert step, a lead's move):
 * its openings and resolutions go out as events, once each. The case's records share its answer's
 * partition, so they are handled in order with the answer's. Answers the events it published.
 */
export const reactToCase = async (
  transition: CaseTransition,
  deps: Pick<ReactorDeps, keyof EventsDeps | 'cases'>,
): Promise<DetailType[]> => {
  // An erased case tells other systems nothing more: not a move made on it since (a lead may still
  // resolve it), nor a record of it from before the erasure, still in flight.
  const { after } = transition;
  if (after && (after.erasedAt !== undefined || (await deps.cases.get(after.caseId))?.erasedAt !== undefined))
    return [];
  return publishCaseEvents(transition, deps);
};

/**
 * What the reactor does when a comment's labels change on their own: when a retried analysis settles
 * labels that were pending (analyse-comments), the answer is listed again with them, so that the
 * `sentiment` and `topic` filters find it. The labels the reactor writes itself were listed by the
 * step after it; the case's page reads the labels as they stand. Answers whether it listed the answer.
 */
export const reactToLabels = async (
  { before, after }: LabelsTransition,
  deps: Pick<ReactorDeps, 'responses' | 'cases' | 'feedback'>,
): Promise<boolean> => {
  if (before?.status !== 'pending' || after?.status !== 'done') return false;
  const response = await deps.responses.get(after.invitationId);
  // A comment changed since is labelled, and listed, by the reactor's steps for that change.
  if (!response || response.suspect || commentDigestOf(response.comment) !== after.commentDigest)
    return false;
  const kept = await deps.cases.get(after.invitationId);
  await deps.feedback.keep(
    after.invitationId,
    entryOf(response, { caseId: kept?.caseId, ...listedLabelsOf(after) }),
  );
  return true;
};
