import { logger } from './logger.js';

/**
 * A job over many items (overdue cases, metric rules) in which one bad item must not stop the rest:
 * each item's work is isolated, what fails is logged with its reason and kept, and once every item
 * had its turn the job fails as a whole, naming each item and why, so that its retry and failure
 * destination carry the reasons while everything else is done.
 */
export class FailedItems {
  private readonly failures: { item: string; error: unknown }[] = [];
  private tried = 0;

  constructor(private readonly what: string) {}

  /** Runs one item's work; a throw is kept, not passed on. True when the work completed. */
  async isolate(item: string, work: () => Promise<unknown>): Promise<boolean> {
    this.tried += 1;
    try {
      await work();
      return true;
    } catch (error) {
      logger.error(`one of the ${this.what} failed; the others go on`, { item, error });
      this.failures.push({ item, error });
      return false;
    }
  }

  /** Fails the job when any item failed, with every failure's item and reason. */
  throwIfAny(): void {
    if (this.failures.length === 0) return;
    const reasons = this.failures.map(
      ({ item, error }) => `${item}: ${error instanceof Error ? error.message : String(error)}`,
    );
    throw new AggregateError(
      this.failures.map(({ error }) => error),
      `${this.failures.length} of ${this.tried} ${this.what} failed (${reasons.join('; ')})`,
    );
  }
}

/**
 * A scheduled job over paged items: `work` runs on every item of every page, each isolated (see
 * {@link FailedItems}); then the job fails naming the items that failed. Answers how many items'
 * work answered true (an alert sent, a case escalated).
 */
export const forEachItemApart = async <T>(
  what: string,
  pageOf: (after: string | undefined) => Promise<{ items: readonly T[]; next?: string | undefined }>,
  idOf: (item: T) => string,
  work: (item: T) => Promise<boolean>,
): Promise<number> => {
  const failed = new FailedItems(what);
  let done = 0;
  let after: string | undefined;
  do {
    const page = await pageOf(after);
    for (const item of page.items) {
      await failed.isolate(idOf(item), async () => {
        if (await work(item)) done += 1;
      });
    }
    after = page.next;
  } while (after);
  failed.throwIfAny();
  return done;
};
