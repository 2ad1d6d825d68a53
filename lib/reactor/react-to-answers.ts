import type { AlertDeps } from '../cases/alert-on-unhappy-answer.js';
import { alertAndFindCase, type CaseOfAnswer } from '../cases/case-of-answer.js';
import {
  countCaseFollowUps,
  type FollowUpDeps,
  type FollowUpOutcome,
} from '../cases/count-case-follow-ups.js';
import { type ListingDeps, listAnswer } from '../feedback/list-answer.js';
import type { ResponseTransition } from '../invitations/response.js';

/**
 * Everything the reactor needs: the union of its steps' dependencies.
 */
export type ReactorDeps = AlertDeps & FollowUpDeps & ListingDeps;

/**
 * What the steps learned of one answer change so far: each step's part, handed to the steps after it
 * (the listing shows the case the alert step found). A step adds its own fields here.
 */
export type Reaction = Partial<CaseOfAnswer> & {
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
 * The reactor's steps, in the order they run for each answer change. The DynamoDB stream serves two
 * readers per shard: the fold keeps every count (lib/aggregates), and the reactor does everything
 * else that follows a change. New work joins here as a step (comment analysis goes before the alert,
 * so the alert can carry its labels; events out after it), never as a third stream reader.
 */
export const REACTOR_STEPS: readonly ReactorStep[] = [
  alertAndFindCase,
  async (transition, deps) => ({ followUps: await countCaseFollowUps(transition, deps) }),
  listAnswer,
];

/**
 * Runs every step for one answer change, in order, each with what the steps before it learned; the
 * first step that throws stops it. Answers what they all learned.
 */
export const reactToAnswer = async (transition: ResponseTransition, deps: ReactorDeps): Promise<Reaction> => {
  let reaction: Reaction = {};
  for (const step of REACTOR_STEPS) reaction = { ...reaction, ...(await step(transition, deps, reaction)) };
  return reaction;
};
