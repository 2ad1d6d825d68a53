import type { StageConfig } from '../stage-config.js';
import { FUNCTIONS, type FunctionSpec, reservedConcurrencyOf, type Trigger } from '../wiring.js';

/**
 * At most `limit` calls of `invoke` run at once; the calls beyond wait their turn, in order.
 */
export const heldToConcurrency = <A extends unknown[], R>(
  limit: number,
  invoke: (...args: A) => Promise<R>,
): ((...args: A) => Promise<R>) => {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (...args: A) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await invoke(...args);
    } finally {
      // The slot passes straight to the next in line, so that no newcomer takes it first.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
};

/** The triggers Lambda invokes a function for asynchronously, through its queue of events. */
const INVOKED_ASYNCHRONOUSLY: readonly Trigger['kind'][] = ['topic', 'bus', 'schedule'];

/**
 * A function's handler as the local runtime invokes it. One with reserved concurrency that Lambda
 * invokes asynchronously (SNS, EventBridge) runs at most that many at once, and the events beyond wait
 * their turn, as Lambda's queue of asynchronous events holds them while the function is throttled (on
 * AWS it tries them again after a backoff; here each starts as soon as one before it ends). So a flood
 * of texts is read as fast as the function's reserved concurrency lets it on AWS, not all at once.
 */
export const asInvokedLocally = <A extends unknown[], R>(
  spec: FunctionSpec,
  config: StageConfig,
  handler: (...args: A) => Promise<R>,
): ((...args: A) => Promise<R>) => {
  const reserved = reservedConcurrencyOf(spec, FUNCTIONS, config);
  return reserved !== undefined && INVOKED_ASYNCHRONOUSLY.includes(spec.trigger.kind)
    ? heldToConcurrency(reserved, handler)
    : handler;
};
