import type { Survey } from '../surveys/scales.js';
import type { Segment } from '../surveys/segments.js';
import type { Day } from '../surveys/window.js';
import type { BucketId, BucketState } from './fold.js';

/** The stored aggregate buckets. */
export interface AggregateStore {
  /** The buckets' current states (strongly consistent), keyed by `bucketKeyOf`. */
  read(buckets: readonly BucketId[]): Promise<Map<string, BucketState>>;
  /** Writes a bucket if its version is still `expectedVersion` (0: it must not exist); false when it moved. */
  write(bucket: BucketId, state: BucketState, expectedVersion: number): Promise<boolean>;
  /** Every day's histogram of one survey and segment between two days, inclusive. */
  range(survey: Survey, segment: Segment, from: Day, to: Day): Promise<{ day: Day; histogram: number[] }[]>;
}
