import { type AlertDeps, alertOnUnhappyAnswer } from '../cases/alert-on-unhappy-answer.js';
import type { ResponseTransition } from '../invitations/response.js';

/**
 * Everything the reactor needs: the union of its steps' dependencies.
 */
export type ReactorDeps = AlertDeps;

/**
 * One reaction to a changed answer. A stream record may be delivered again, and a batch may fail
 * part-way, so each step must be idempotent on its own: a replay runs every step again.
 */
export type ReactorStep = (transition: ResponseTransition, deps: ReactorDeps) => Promise<unknown>;

/**
 * The reactor's steps, in the order they run for each answer change. The DynamoDB stream serves two
 * readers per shard: the fold keeps every count (lib/aggregates), and the reactor does everything
 * else that follows a change. New work joins here as a step (comment analysis goes before the alert,
 * so the alert can carry its labels; events out after it), never as a third stream reader.
 */
export const REACTOR_STEPS: readonly ReactorStep[] = [alertOnUnhappyAnswer];

/** Runs every step for one answer change, in order; the first step that throws stops it. */
export const reactToAnswer = async (transition: ResponseTransition, deps: ReactorDeps): Promise<void> => {
  for (const step of REACTOR_STEPS) await step(transition, deps);
};
