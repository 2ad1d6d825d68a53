import type { Clock } from '../platform/clock.js';
import {
  applyEntries,
  type BucketChanges,
  type BucketState,
  bucketKeyOf,
  type CountChange,
  foldChanges,
  padSequenceNumber,
  writeSlotOf,
} from './fold.js';
import type { AggregateStore } from './ports.js';

/** A stream record as the aggregator sees it: a change, nothing to do, or a reason it cannot be used. */
export type AggregatorInput =
  | { sequenceNumber: string; kind: 'change'; change: CountChange }
  | { sequenceNumber: string; kind: 'ignore' }
  | { sequenceNumber: string; kind: 'invalid'; reason: string };

export interface AggregateResult {
  /** Sequence numbers to report as batch item failures; the stream retries from the lowest. */
  failed: { sequenceNumber: string; reason: string }[];
  /** Buckets written in this call. */
  written: number;
}

export interface AggregateDeps {
  aggregates: AggregateStore;
  clock: Clock;
  /** Tries per bucket when another writer moved it between read and write. */
  maxAttempts?: number;
}

/**
 * Folds one shard's records into the aggregate buckets with an exactly-once effect: one conditional
 * write per touched bucket, each skipping what its fence says was already applied. An invalid record
 * stops the batch there (the records before it are applied, it and the rest are reported), so the
 * stream's retry, bisection and on-failure destination isolate it without losing or doubling others.
 */
export const aggregateResponses = async (
  shardId: string,
  inputs: readonly AggregatorInput[],
  deps: AggregateDeps,
): Promise<AggregateResult> => {
  const firstInvalid = inputs.findIndex((input) => input.kind === 'invalid');
  const usable = firstInvalid === -1 ? inputs : inputs.slice(0, firstInvalid);
  const failed: AggregateResult['failed'] = [];
  const poison = inputs[firstInvalid];
  if (poison?.kind === 'invalid') {
    for (const input of inputs.slice(firstInvalid)) {
      const reason =
        input === poison ? poison.reason : `after the unreadable record ${poison.sequenceNumber}`;
      failed.push({ sequenceNumber: input.sequenceNumber, reason });
    }
  }

  const changes = usable.flatMap((input) => (input.kind === 'change' ? [input.change] : []));
  const slot = writeSlotOf(shardId);
  const buckets = foldChanges(changes).map(({ bucket, entries }) => ({
    bucket: { ...bucket, slot },
    entries,
  }));
  let written = 0;
  // One batched read of every touched bucket; only a bucket that moved meanwhile is read again.
  const firstRead =
    buckets.length > 0 ? deps.aggregates.read(buckets.map(({ bucket }) => bucket)) : undefined;
  const outcomes = await Promise.allSettled(
    buckets.map(async (changesOfBucket) => {
      if (await writeBucket(shardId, changesOfBucket, deps, firstRead)) written += 1;
    }),
  );
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') return;
    const reason = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
    for (const entry of buckets[i]?.entries ?? [])
      failed.push({ sequenceNumber: entry.sequenceNumber, reason });
  });
  const unique = [...new Map(failed.map((failure) => [failure.sequenceNumber, failure])).values()];
  unique.sort((a, b) => (padSequenceNumber(a.sequenceNumber) < padSequenceNumber(b.sequenceNumber) ? -1 : 1));
  return { failed: unique, written };
};

const writeBucket = async (
  shardId: string,
  { bucket, entries }: BucketChanges,
  deps: AggregateDeps,
  firstRead: Promise<Map<string, BucketState>> | undefined,
) => {
  const attempts = deps.maxAttempts ?? 8;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const states = attempt === 1 && firstRead ? await firstRead : await deps.aggregates.read([bucket]);
    const current = states.get(bucketKeyOf(bucket)) ?? null;
    // A value's first bucket of a day notes it in the registry first, so a failure leaves it to the retry.
    if (current === null && bucket.segment) await deps.aggregates.register(bucket.survey, bucket.segment);
    const next = applyEntries(
      bucket.survey,
      current,
      shardId,
      entries,
      Math.floor(deps.clock.now().getTime() / 1000),
    );
    if (!next) return false;
    if (await deps.aggregates.write(bucket, next, current?.version ?? 0)) return true;
  }
  throw new Error(`bucket ${bucketKeyOf(bucket)} kept moving under ${attempts} attempts`);
};
