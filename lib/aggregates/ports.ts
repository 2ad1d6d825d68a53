import type { Survey } from '../surveys/scales.js';
import type { Dimension, Segment } from '../surveys/segments.js';
import type { Day } from '../surveys/window.js';
import type { BucketId, BucketState, Counts } from './fold.js';

/** What one UTC day of one survey and segment holds: its answers per score and its funnel counts. */
export interface DayCounts {
  day: Day;
  histogram: number[];
  counts: Counts;
}

/** The stored aggregate buckets. */
export interface AggregateStore {
  /** The buckets' current states (strongly consistent), keyed by `bucketKeyOf`. */
  read(buckets: readonly BucketId[]): Promise<Map<string, BucketState>>;
  /** Writes a bucket if its version is still `expectedVersion` (0: it must not exist); false when it moved. */
  write(bucket: BucketId, state: BucketState, expectedVersion: number): Promise<boolean>;
  /** Every stored day of one survey and segment between two days, inclusive, oldest first. */
  range(survey: Survey, segment: Segment, from: Day, to: Day): Promise<DayCounts[]>;
  /**
   * Notes a segment value in the survey's registry of its dimension, once: a value noted already
   * changes nothing, so a replay adds nothing. The fold calls it before a value's first bucket of a day.
   */
  register(survey: Survey, segment: NonNullable<Segment>): Promise<void>;
  /** Every value of one dimension noted for a survey, in order: what a breakdown reads the buckets of. */
  values(survey: Survey, dimension: Dimension): Promise<string[]>;
}
