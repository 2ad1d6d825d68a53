import { isOnScale, SCALES, type Survey } from '../surveys/scales.js';
import { type Segment, type SegmentValues, segmentsOf } from '../surveys/segments.js';
import type { Day } from '../surveys/window.js';
import { emptyHistogram, type Histogram } from './formulas.js';

/** What one response adds to the aggregates: nothing while it is suspect. */
export interface Contribution {
  survey: Survey;
  day: Day;
  score: number;
  segments: SegmentValues;
}

/**
 * Counts one record adds to (or, negative, takes from) the buckets of one survey, segment set and day,
 * beside the answers' histogram: the invitation funnel's stages (see funnel.ts) and the comments'
 * labels (see insight-counts.ts), each under its own names.
 */
export interface CountsDelta {
  survey: Survey;
  day: Day;
  segments: SegmentValues;
  counts: Counts;
}

/**
 * One stream record reduced to what it does to the aggregates: a response's contribution before and
 * after it, or the counts it adds to and takes from (an invitation's funnel stages, a comment's labels).
 */
export interface CountChange {
  /** The stream record's sequence number: a decimal string, increasing within a shard. */
  sequenceNumber: string;
  before: Contribution | null;
  after: Contribution | null;
  counts?: readonly CountsDelta[];
}

/** Counts beside a bucket's histogram, by name (a funnel stage, a label); a name never counted is absent. */
export type Counts = Record<string, number>;

export const addCounts = (a: Counts, b: Counts): Counts => {
  const sum = { ...a };
  for (const [stage, count] of Object.entries(b)) sum[stage] = (sum[stage] ?? 0) + count;
  return sum;
};

/**
 * A per-survey, per-segment, per-day aggregate. A day's bucket is stored as up to `WRITE_SLOTS` items,
 * one per write slot, so that stream shards writing the same hot bucket at once rarely meet on one item.
 */
export interface BucketId {
  survey: Survey;
  segment: Segment;
  day: Day;
  /** The write slot; readers add the slots of a day up. Default 0. */
  slot?: number;
}

/** Items a hot day bucket is spread over. Reads cost at most this many items per day. */
export const WRITE_SLOTS = 4;

/** The write slot of a stream shard: a stable hash of its id (FNV-1a). */
export const writeSlotOf = (shardId: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < shardId.length; i += 1) {
    hash ^= shardId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % WRITE_SLOTS;
};

/** A change to one bucket, from one record: to its answers' histogram and to its funnel counts. */
export interface BucketEntry {
  sequenceNumber: string;
  delta: Histogram;
  /** Absent when the record took no funnel step. */
  counts?: Counts;
}

export interface BucketChanges {
  bucket: BucketId;
  entries: BucketEntry[];
}

export const bucketKeyOf = ({ survey, segment, day, slot = 0 }: BucketId): string =>
  segment === null
    ? `${survey}|*|*|${day}|${slot}`
    : `${survey}|${segment.dimension}|${segment.value}|${day}|${slot}`;

const sequenceWidth = 40;

/** Sequence numbers are decimal strings of varying length; padded, they compare as strings. */
export const padSequenceNumber = (sequenceNumber: string): string => {
  if (!/^\d{1,40}$/.test(sequenceNumber)) throw new RangeError(`not a sequence number: ${sequenceNumber}`);
  return sequenceNumber.padStart(sequenceWidth, '0');
};

/** The entries of one record in every bucket of one survey, segment set and day, made on first use. */
const entriesOf = (
  buckets: Map<string, BucketChanges>,
  sequenceNumber: string,
  survey: Survey,
  day: Day,
  values: SegmentValues,
): BucketEntry[] =>
  segmentsOf(values).map((segment) => {
    const bucket = { survey, segment, day };
    const key = bucketKeyOf(bucket);
    let changes = buckets.get(key);
    if (!changes) {
      changes = { bucket, entries: [] };
      buckets.set(key, changes);
    }
    let entry = changes.entries.at(-1);
    if (entry?.sequenceNumber !== sequenceNumber) {
      entry = { sequenceNumber, delta: emptyHistogram(survey) };
      changes.entries.push(entry);
    }
    return entry;
  });

const addContribution = (
  buckets: Map<string, BucketChanges>,
  sequenceNumber: string,
  contribution: Contribution,
  sign: 1 | -1,
): void => {
  const { survey, day, score } = contribution;
  if (!isOnScale(survey, score)) throw new RangeError(`score ${score} is not on the ${survey} scale`);
  const index = score - SCALES[survey].min;
  for (const entry of entriesOf(buckets, sequenceNumber, survey, day, contribution.segments))
    entry.delta[index] = (entry.delta[index] ?? 0) + sign;
};

const addDelta = (buckets: Map<string, BucketChanges>, sequenceNumber: string, delta: CountsDelta): void => {
  for (const entry of entriesOf(buckets, sequenceNumber, delta.survey, delta.day, delta.segments))
    entry.counts = addCounts(entry.counts ?? {}, delta.counts);
};

const isEmpty = (entry: BucketEntry): boolean =>
  entry.delta.every((d) => d === 0) && Object.values(entry.counts ?? {}).every((c) => c === 0);

/**
 * Groups a shard's changes, in stream order, by the bucket they touch. A moved answer (3 → 9) is a
 * −1 and a +1 in the same bucket; a comment-only change cancels out and is dropped, so it costs no
 * write. An invitation's funnel stages and a comment's labels land in the same buckets as the answer,
 * so a batch of all three still writes each touched bucket once. Each entry keeps its sequence number so that a bucket can skip what it has already applied.
 */
export const foldChanges = (changes: readonly CountChange[]): BucketChanges[] => {
  const buckets = new Map<string, BucketChanges>();
  for (const change of changes) {
    if (change.before) addContribution(buckets, change.sequenceNumber, change.before, -1);
    if (change.after) addContribution(buckets, change.sequenceNumber, change.after, 1);
    for (const delta of change.counts ?? []) addDelta(buckets, change.sequenceNumber, delta);
  }
  return [...buckets.values()]
    .map(({ bucket, entries }) => ({ bucket, entries: entries.filter((e) => !isEmpty(e)) }))
    .filter(({ entries }) => entries.length > 0);
};

/**
 * A bucket's stored state: its counts, a version for optimistic writes, and per stream shard the
 * highest sequence number already folded in (the fence).
 */
export interface BucketState {
  histogram: Histogram;
  /** Funnel counts; absent on a bucket no invitation step reached. */
  counts?: Counts;
  version: number;
  fences: Record<string, { sequenceNumber: string; at: number }>;
}

/** How long a shard's fence is kept after its last write: past the stream's 24-hour retention. */
export const FENCE_RETENTION_SECONDS = 26 * 3600;

/**
 * The state after applying a shard's entries to a bucket, or null when every entry is already in it.
 * Entries at or below the shard's fence were applied by an earlier delivery and are skipped; that
 * makes redelivery, partial retries and bisected batches harmless.
 */
export const applyEntries = (
  survey: Survey,
  state: BucketState | null,
  shardId: string,
  entries: readonly BucketEntry[],
  nowSeconds: number,
): BucketState | null => {
  const fence = state?.fences[shardId]?.sequenceNumber ?? '';
  let highest = fence;
  let histogram: Histogram | undefined;
  let counts: Counts | undefined;
  for (const entry of entries) {
    const sequence = padSequenceNumber(entry.sequenceNumber);
    if (sequence <= fence) continue;
    histogram ??= [...(state?.histogram ?? emptyHistogram(survey))];
    counts ??= { ...state?.counts };
    for (let i = 0; i < entry.delta.length; i += 1)
      histogram[i] = (histogram[i] ?? 0) + (entry.delta[i] ?? 0);
    counts = addCounts(counts, entry.counts ?? {});
    if (sequence > highest) highest = sequence;
  }
  if (!histogram || !counts) return null;
  const fences = Object.fromEntries(
    Object.entries(state?.fences ?? {}).filter(
      ([id, f]) => id !== shardId && nowSeconds - f.at < FENCE_RETENTION_SECONDS,
    ),
  );
  fences[shardId] = { sequenceNumber: highest, at: nowSeconds };
  return {
    histogram,
    ...(Object.keys(counts).length > 0 ? { counts } : {}),
    version: (state?.version ?? 0) + 1,
    fences,
  };
};
