import {
  applyEntries,
  type BucketId,
  type BucketState,
  bucketKeyOf,
  type CountChange,
  foldChanges,
} from '../lib/aggregates/fold.js';

/** Day buckets by key, each as the aggregator would have written it. */
export type FoldedBuckets = Map<string, { bucket: BucketId; state: BucketState }>;

/**
 * The aggregator's work without the table: folds answers into their day buckets in memory,
 * `batchSize` records at a time as the stream delivers them, fenced as one shard's.
 */
export const foldInMemory = (
  changes: readonly CountChange[],
  batchSize: number,
  shardId: string,
): FoldedBuckets => {
  const buckets: FoldedBuckets = new Map();
  for (let i = 0; i < changes.length; i += batchSize) {
    for (const { bucket, entries } of foldChanges(changes.slice(i, i + batchSize))) {
      const key = bucketKeyOf(bucket);
      const next = applyEntries(bucket.survey, buckets.get(key)?.state ?? null, shardId, entries, 0);
      if (next) buckets.set(key, { bucket, state: next });
    }
  }
  return buckets;
};
