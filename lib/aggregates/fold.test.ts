import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryAggregateStore } from '../../test/support/in-memory.js';
import { seededRandom } from '../../test/support/random.js';
import type { Clock } from '../platform/clock.js';
import { SCALES, SURVEYS, type Survey } from '../surveys/scales.js';
import type { Segment, SegmentValues } from '../surveys/segments.js';
import type { Day } from '../surveys/window.js';
import { type AggregateDeps, type AggregatorInput, aggregateResponses } from './aggregate-responses.js';
import {
  applyEntries,
  type BucketId,
  type BucketState,
  bucketKeyOf,
  type Contribution,
  FENCE_RETENTION_SECONDS,
  foldChanges,
  padSequenceNumber,
  WRITE_SLOTS,
  writeSlotOf,
} from './fold.js';
import type { Histogram } from './formulas.js';
import type { AggregateStore } from './ports.js';

/** A shard id whose records land in write slot 0, where `bucket()` looks. */
const shardInSlotZero = (prefix: string): string => {
  for (let i = 0; ; i += 1) if (writeSlotOf(`${prefix}-${i}`) === 0) return `${prefix}-${i}`;
};
const SLOT0_A = shardInSlotZero('shard-a');
const SLOT0_B = shardInSlotZero('shard-b');

const NOW = new Date('2026-11-26T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const clock: Clock = { now: () => NOW };
const DAY = '2026-11-26';
const SEGMENT_VALUES = { team: 'billing', channel: 'phone', touchpoint: 'support-ticket', agent: 'agent-7' };

const answer = (score: number, overrides: Partial<Contribution> = {}): Contribution => ({
  survey: 'nps',
  day: DAY,
  score,
  segments: { ...SEGMENT_VALUES },
  ...overrides,
});

const change = (
  sequenceNumber: string,
  before: Contribution | null,
  after: Contribution | null,
): AggregatorInput => ({ sequenceNumber, kind: 'change', change: { sequenceNumber, before, after } });

const bucket = (segment: Segment = null, survey: Survey = 'nps', day: Day = DAY): BucketId => ({
  survey,
  segment,
  day,
});

const npsCounts = (counts: Record<number, number>): Histogram =>
  Array.from({ length: 11 }, (_, score) => counts[score] ?? 0);

const fence = (sequenceNumber: string, at: number) => ({
  sequenceNumber: padSequenceNumber(sequenceNumber),
  at,
});

const sequenceNumbersOf = (failed: { sequenceNumber: string }[]): string[] => [
  ...new Set(failed.map((f) => f.sequenceNumber)),
];

/** Two answers, an invalid record (99), another answer and a record to ignore, in that order. */
const invalidAmidValid = (): AggregatorInput[] => [
  change('97', null, answer(9)),
  change('98', null, answer(7)),
  { sequenceNumber: '99', kind: 'invalid', reason: 'NewImage.score: expected number' },
  change('100', null, answer(0)),
  { sequenceNumber: '101', kind: 'ignore' },
];

describe('aggregateResponses', () => {
  it('counts a new answer in the overall bucket and in one bucket per segment value', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();

    // Act
    const result = await aggregateResponses('shard-a', [change('1', null, answer(9))], {
      aggregates: store,
      clock,
    });

    // Assess
    expect(result).toEqual({ failed: [], written: 5 });
    for (const segment of [
      null,
      { dimension: 'team', value: 'billing' },
      { dimension: 'channel', value: 'phone' },
      { dimension: 'touchpoint', value: 'support-ticket' },
      { dimension: 'agent', value: 'agent-7' },
    ] as const) {
      expect(store.stateOf(bucket(segment))?.histogram).toEqual(npsCounts({ 9: 1 }));
    }
  });

  it('keeps no agent bucket for an answer without an agent', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    const withoutAgent = answer(9, { segments: { team: 'billing', channel: 'phone', touchpoint: 'call' } });

    // Act
    const result = await aggregateResponses('shard-a', [change('1', null, withoutAgent)], {
      aggregates: store,
      clock,
    });

    // Assess
    expect(result.written).toBe(4);
    expect(
      [...store.items.values()].map(({ bucket }) => bucket.segment?.dimension ?? 'overall').sort(),
    ).toEqual(['channel', 'overall', 'team', 'touchpoint']);
  });

  it('ignores a comment-only change', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    await aggregateResponses('shard-a', [change('1', null, answer(3))], { aggregates: store, clock });
    const writesBefore = store.writes;
    const before = structuredClone([...store.items.entries()]);

    // Act
    const result = await aggregateResponses('shard-a', [change('2', answer(3), answer(3))], {
      aggregates: store,
      clock,
    });

    // Assess
    expect(result).toEqual({ failed: [], written: 0 });
    expect(store.writes).toBe(writesBefore);
    expect([...store.items.entries()]).toEqual(before);
  });

  it('ignores a record marked ignore, such as a TTL deletion', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    await aggregateResponses('shard-a', [change('1', null, answer(3))], { aggregates: store, clock });

    // Act
    const result = await aggregateResponses('shard-a', [{ sequenceNumber: '2', kind: 'ignore' }], {
      aggregates: store,
      clock,
    });

    // Assess
    expect(result).toEqual({ failed: [], written: 0 });
    expect(store.stateOf(bucket())?.histogram).toEqual(npsCounts({ 3: 1 }));
  });

  it('moves a changed answer from 3 to 9 without changing n', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    await aggregateResponses('shard-a', [change('1', null, answer(3))], { aggregates: store, clock });

    // Act
    const result = await aggregateResponses('shard-a', [change('2', answer(3), answer(9))], {
      aggregates: store,
      clock,
    });

    // Assess
    expect(result).toEqual({ failed: [], written: 5 });
    for (const { state } of store.items.values()) {
      expect(state.histogram).toEqual(npsCounts({ 9: 1 }));
      expect(state.histogram.reduce((n, count) => n + count, 0)).toBe(1);
    }
  });

  it('takes an answer out when it is deleted by a user or marked suspect', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    const other = answer(5, { segments: { ...SEGMENT_VALUES, agent: 'agent-8' } });
    await aggregateResponses('shard-a', [change('1', null, answer(2)), change('2', null, other)], {
      aggregates: store,
      clock,
    });

    // Act
    await aggregateResponses('shard-a', [change('3', answer(2), null), change('4', other, null)], {
      aggregates: store,
      clock,
    });

    // Assess
    expect(store.stateOf(bucket())?.histogram).toEqual(npsCounts({}));
  });

  it('applies a redelivered batch once', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    const batch = [
      change('1', null, answer(9)),
      change('2', null, answer(0)),
      change('3', answer(9), answer(7)),
    ];

    // Act
    for (let delivery = 0; delivery < 3; delivery += 1) {
      await aggregateResponses('shard-a', batch, { aggregates: store, clock });
    }

    // Assess
    expect(store.stateOf(bucket())?.histogram).toEqual(npsCounts({ 0: 1, 7: 1 }));
  });

  it('compares sequence numbers by value, not by their length', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    await aggregateResponses('shard-a', [change('99', null, answer(9))], { aggregates: store, clock });

    // Act
    await aggregateResponses('shard-a', [change('100', null, answer(1))], { aggregates: store, clock });
    await aggregateResponses('shard-a', [change('99', null, answer(9))], { aggregates: store, clock });

    // Assess
    expect(store.stateOf(bucket())?.histogram).toEqual(npsCounts({ 1: 1, 9: 1 }));
  });

  it("applies another shard's records whatever this shard's fence says", async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    await aggregateResponses('shard-a', [change('500', null, answer(9))], { aggregates: store, clock });

    // Act
    await aggregateResponses('shard-b', [change('7', null, answer(8))], { aggregates: store, clock });

    // Assess
    const state = store.stateOf(bucket());
    expect(state?.histogram).toEqual(npsCounts({ 8: 1, 9: 1 }));
    expect(Object.keys(state?.fences ?? {}).sort()).toEqual(['shard-a', 'shard-b']);
  });

  it('applies the records before an invalid one and none after it', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    const inputs = invalidAmidValid();

    // Act
    const result = await aggregateResponses('shard-a', inputs, { aggregates: store, clock });

    // Assess
    expect(store.stateOf(bucket())?.histogram).toEqual(npsCounts({ 7: 1, 9: 1 }));
    expect(result.failed[0]).toEqual({ sequenceNumber: '99', reason: 'NewImage.score: expected number' });
  });

  it('reports the invalid record and every record after it, lowest first', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    const inputs = invalidAmidValid();

    // Act
    const result = await aggregateResponses('shard-a', inputs, { aggregates: store, clock });

    // Assess
    expect(sequenceNumbersOf(result.failed)).toEqual(['99', '100', '101']);
  });

  it('reports failed records lowest first, in numeric order', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    const teamWritesFail: AggregateStore = {
      read: (buckets) => store.read(buckets),
      write: async (target, state, expectedVersion) => {
        if (target.segment?.dimension === 'team') throw new Error('throttled');
        return store.write(target, state, expectedVersion);
      },
      range: (...args) => store.range(...args),
      register: (...args) => store.register(...args),
      values: (...args) => store.values(...args),
    };
    const inTeam = (team: string) => answer(9, { segments: { team, channel: 'phone', touchpoint: 'call' } });

    // Act
    const result = await aggregateResponses(
      'shard-a',
      [change('998', null, inTeam('b')), change('999', null, inTeam('a')), change('1000', null, inTeam('b'))],
      { aggregates: teamWritesFail, clock },
    );

    // Assess
    expect(result.failed).toEqual([
      { sequenceNumber: '998', reason: 'throttled' },
      { sequenceNumber: '999', reason: 'throttled' },
      { sequenceNumber: '1000', reason: 'throttled' },
    ]);
  });

  it('gives up on a bucket that keeps conflicting after maxAttempts and reports its records', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    const billing = bucket({ dimension: 'team', value: 'billing' });
    let billingAttempts = 0;
    const contended: AggregateStore = {
      read: (buckets) => store.read(buckets),
      write: async (target, state, expectedVersion) => {
        if (bucketKeyOf({ ...target, slot: 0 }) !== bucketKeyOf(billing))
          return store.write(target, state, expectedVersion);
        billingAttempts += 1;
        return false;
      },
      range: (...args) => store.range(...args),
      register: (...args) => store.register(...args),
      values: (...args) => store.values(...args),
    };
    const inputs = [
      change('1', null, answer(9, { segments: { team: 'billing', channel: 'phone', touchpoint: 'call' } })),
      change('2', null, answer(4, { segments: { team: 'returns', channel: 'chat', touchpoint: 'call' } })),
      change('3', null, answer(6, { segments: { team: 'billing', channel: 'email', touchpoint: 'call' } })),
    ];

    // Act
    const result = await aggregateResponses('shard-a', inputs, {
      aggregates: contended,
      clock,
      maxAttempts: 3,
    });

    // Assess
    expect(billingAttempts).toBe(3);
    expect(sequenceNumbersOf(result.failed)).toEqual(['1', '3']);
    expect(result.failed.every((f) => /kept moving under 3 attempts/.test(f.reason))).toBe(true);
    expect(store.stateOf(billing)).toBeUndefined();
    expect(store.stateOf(bucket())?.histogram).toEqual(npsCounts({ 4: 1, 6: 1, 9: 1 }));
  });

  it('tries a conflicting bucket 8 times by default', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    let attempts = 0;
    const contended: AggregateStore = {
      read: (buckets) => store.read(buckets),
      write: async (target) => {
        if (target.segment === null) attempts += 1;
        return false;
      },
      range: (...args) => store.range(...args),
      register: (...args) => store.register(...args),
      values: (...args) => store.values(...args),
    };

    // Act
    await aggregateResponses('shard-a', [change('1', null, answer(9))], { aggregates: contended, clock });

    // Assess
    expect(attempts).toBe(8);
  });

  it('rereads and reapplies when another writer moved the bucket between read and write', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    const overall = bucket();
    let raced = false;
    const racing: AggregateStore = {
      read: (buckets) => store.read(buckets),
      write: async (target, state, expectedVersion) => {
        if (!raced && bucketKeyOf(target) === bucketKeyOf(overall)) {
          raced = true;
          await aggregateResponses(SLOT0_B, [change('40', null, answer(0))], { aggregates: store, clock });
        }
        return store.write(target, state, expectedVersion);
      },
      range: (...args) => store.range(...args),
      register: (...args) => store.register(...args),
      values: (...args) => store.values(...args),
    };

    // Act
    const result = await aggregateResponses(SLOT0_A, [change('1', null, answer(10))], {
      aggregates: racing,
      clock,
    });

    // Assess
    expect(result.failed).toEqual([]);
    expect(store.stateOf(overall)?.histogram).toEqual(npsCounts({ 0: 1, 10: 1 }));
    expect(store.stateOf(overall)?.version).toBe(2);
  });

  it('prunes fences older than FENCE_RETENTION_SECONDS and keeps younger ones', async () => {
    // Prepare
    const store = new InMemoryAggregateStore();
    await store.write(
      bucket(),
      {
        histogram: npsCounts({ 5: 2 }),
        version: 1,
        fences: {
          'shard-old': fence('10', NOW_SECONDS - FENCE_RETENTION_SECONDS - 1),
          'shard-young': fence('20', NOW_SECONDS - FENCE_RETENTION_SECONDS + 60),
        },
      },
      0,
    );

    // Act
    await aggregateResponses(SLOT0_A, [change('30', null, answer(9))], { aggregates: store, clock });

    // Assess
    const fences = store.stateOf(bucket())?.fences ?? {};
    expect(Object.keys(fences).sort()).toEqual([SLOT0_A, 'shard-young'].sort());
    expect(fences[SLOT0_A]).toEqual(fence('30', NOW_SECONDS));
    expect(store.stateOf(bucket())?.histogram).toEqual(npsCounts({ 5: 2, 9: 1 }));
  });
});

describe('applyEntries', () => {
  it('answers null when every entry is at or below the shard fence', () => {
    // Prepare
    const state: BucketState = {
      histogram: npsCounts({ 9: 1 }),
      version: 3,
      fences: { 'shard-a': fence('12', NOW_SECONDS) },
    };
    const entries = [
      { sequenceNumber: '11', delta: npsCounts({ 1: 1 }) },
      { sequenceNumber: '12', delta: npsCounts({ 2: 1 }) },
    ];

    // Act
    const next = applyEntries('nps', state, 'shard-a', entries, NOW_SECONDS);

    // Assess
    expect(next).toBeNull();
  });

  it('applies only the entries above the fence, bumps the version and moves the fence', () => {
    // Prepare
    const state: BucketState = {
      histogram: npsCounts({ 9: 1 }),
      version: 3,
      fences: { 'shard-a': fence('12', NOW_SECONDS - 100) },
    };
    const entries = [
      { sequenceNumber: '12', delta: npsCounts({ 2: 1 }) },
      { sequenceNumber: '13', delta: npsCounts({ 3: 1 }) },
      { sequenceNumber: '140', delta: npsCounts({ 9: -1, 4: 1 }) },
    ];

    // Act
    const next = applyEntries('nps', state, 'shard-a', entries, NOW_SECONDS);

    // Assess
    expect(next).toEqual({
      histogram: npsCounts({ 3: 1, 4: 1 }),
      version: 4,
      fences: { 'shard-a': fence('140', NOW_SECONDS) },
    });
    expect(state.histogram).toEqual(npsCounts({ 9: 1 }));
  });

  it('prunes fences of other shards older than FENCE_RETENTION_SECONDS', () => {
    // Prepare
    const state: BucketState = {
      histogram: npsCounts({}),
      version: 1,
      fences: {
        'shard-old': fence('1', NOW_SECONDS - FENCE_RETENTION_SECONDS - 1),
        'shard-young': fence('2', NOW_SECONDS - FENCE_RETENTION_SECONDS + 1),
      },
    };

    // Act
    const next = applyEntries(
      'nps',
      state,
      'shard-a',
      [{ sequenceNumber: '3', delta: npsCounts({ 1: 1 }) }],
      NOW_SECONDS,
    );

    // Assess
    expect(Object.keys(next?.fences ?? {}).sort()).toEqual(['shard-a', 'shard-young']);
  });

  it('starts a missing bucket at version 1 from an empty histogram', () => {
    // Act
    const next = applyEntries(
      'csat',
      null,
      'shard-a',
      [{ sequenceNumber: '5', delta: [0, 0, 1, 0, 0] }],
      NOW_SECONDS,
    );

    // Assess
    expect(next).toEqual({
      histogram: [0, 0, 1, 0, 0],
      version: 1,
      fences: { 'shard-a': fence('5', NOW_SECONDS) },
    });
  });
});

describe('foldChanges', () => {
  it('drops a change that cancels out in every bucket', () => {
    // Act
    const buckets = foldChanges([{ sequenceNumber: '1', before: answer(4), after: answer(4) }]);

    // Assess
    expect(buckets).toEqual([]);
  });

  it('keeps one entry per record and bucket, in stream order', () => {
    // Act
    const buckets = foldChanges([
      { sequenceNumber: '1', before: null, after: answer(3) },
      { sequenceNumber: '2', before: answer(3), after: answer(9) },
    ]);

    // Assess
    const overall = buckets.find((b) => b.bucket.segment === null);
    expect(buckets).toHaveLength(5);
    expect(overall?.entries).toEqual([
      { sequenceNumber: '1', delta: npsCounts({ 3: 1 }) },
      { sequenceNumber: '2', delta: npsCounts({ 3: -1, 9: 1 }) },
    ]);
  });

  it('throws on an off-scale score', () => {
    // Act
    const act = () => foldChanges([{ sequenceNumber: '1', before: null, after: answer(11) }]);

    // Assess
    expect(act).toThrow(RangeError);
  });
});

describe('padSequenceNumber', () => {
  it('pads to 40 digits so that text order is numeric order', () => {
    // Act
    const padded = ['100', '99', '1000000000000000000000'].map(padSequenceNumber).sort();

    // Assess
    expect(padded.map((s) => BigInt(s).toString())).toEqual(['99', '100', '1000000000000000000000']);
    expect(padded.every((s) => s.length === 40)).toBe(true);
  });

  it.each(['', '12a', '-1', '1.5', '1'.repeat(41)])('rejects %j', (sequenceNumber) => {
    // Act
    const act = () => padSequenceNumber(sequenceNumber);

    // Assess
    expect(act).toThrow(RangeError);
  });
});

interface ResponseSpec {
  survey: Survey;
  day: Day;
  segments: SegmentValues;
  shard: number;
}

type Op =
  | { op: 'answer'; score: number; suspect: boolean }
  | { op: 'comment' }
  | { op: 'suspect' }
  | { op: 'release' }
  | { op: 'userDelete' }
  | { op: 'ttlDelete' };

interface History {
  responses: ResponseSpec[];
  steps: { response: number; op: Op }[];
}

interface Answer {
  score: number;
  suspect: boolean;
}

type Fate =
  | { kind: 'absent' }
  | { kind: 'live'; answer: Answer }
  | { kind: 'deleted' }
  | { kind: 'expired'; answer: Answer };

type Effect = { shard: number; before: Contribution | null; after: Contribution | null } | { shard: number };

const responseSpecArb: fc.Arbitrary<ResponseSpec> = fc.record({
  survey: fc.constantFrom(...SURVEYS),
  day: fc.constantFrom('2028-02-28', '2028-02-29', '2028-03-01'),
  segments: fc.record({
    team: fc.constantFrom('billing', 'returns'),
    channel: fc.constantFrom('phone', 'chat'),
    touchpoint: fc.constantFrom('support-ticket', 'delivery'),
    agent: fc.option(fc.constantFrom('agent-1', 'agent-2'), { nil: undefined }),
  }),
  shard: fc.constantFrom(0, 1),
});

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('answer' as const),
      score: fc.nat({ max: 10 }),
      suspect: fc.nat({ max: 4 }).map((n) => n === 0),
    }),
    weight: 6,
  },
  { arbitrary: fc.constant({ op: 'comment' as const }), weight: 2 },
  { arbitrary: fc.constant({ op: 'suspect' as const }), weight: 1 },
  { arbitrary: fc.constant({ op: 'release' as const }), weight: 1 },
  { arbitrary: fc.constant({ op: 'userDelete' as const }), weight: 1 },
  { arbitrary: fc.constant({ op: 'ttlDelete' as const }), weight: 1 },
);

const historyArb: fc.Arbitrary<History> = fc.record({
  responses: fc.array(responseSpecArb, { minLength: 1, maxLength: 10 }),
  steps: fc.array(fc.record({ response: fc.nat({ max: 9 }), op: opArb }), { maxLength: 50 }),
});

const onScale = (survey: Survey, raw: number): number => {
  const { min, max } = SCALES[survey];
  return min + (raw % (max - min + 1));
};

/** Plays a history the way the response table would: its stream effects, and each response's fate. */
const play = (history: History): { effects: Effect[]; fates: Fate[] } => {
  const fates: Fate[] = history.responses.map(() => ({ kind: 'absent' }));
  const effects: Effect[] = [];
  for (const step of history.steps) {
    const i = step.response % history.responses.length;
    const spec = history.responses[i] as ResponseSpec;
    const fate = fates[i] as Fate;
    if (fate.kind === 'deleted' || fate.kind === 'expired') continue;
    const current = fate.kind === 'live' ? fate.answer : null;
    const contribution = (a: Answer | null): Contribution | null =>
      a && !a.suspect
        ? { survey: spec.survey, day: spec.day, score: a.score, segments: { ...spec.segments } }
        : null;
    const move = (next: Answer) => {
      effects.push({ shard: spec.shard, before: contribution(current), after: contribution(next) });
      fates[i] = { kind: 'live', answer: next };
    };
    if (step.op.op === 'answer') {
      move({ score: onScale(spec.survey, step.op.score), suspect: step.op.suspect });
      continue;
    }
    if (!current) continue;
    switch (step.op.op) {
      case 'comment':
        move(current);
        break;
      case 'suspect':
        move({ ...current, suspect: true });
        break;
      case 'release':
        move({ ...current, suspect: false });
        break;
      case 'userDelete':
        effects.push({ shard: spec.shard, before: contribution(current), after: null });
        fates[i] = { kind: 'deleted' };
        break;
      case 'ttlDelete':
        effects.push({ shard: spec.shard });
        fates[i] = { kind: 'expired', answer: current };
        break;
    }
  }
  return { effects, fates };
};

/** Numbers each shard's records in stream order, from `start` in steps of `gap`. */
const streamsOf = (effects: Effect[], shards: number, start: bigint, gap: bigint): AggregatorInput[][] =>
  Array.from({ length: shards }, (_, shard) =>
    effects
      .filter((effect) => effect.shard % shards === shard)
      .map((effect, i): AggregatorInput => {
        const sequenceNumber = (start + gap * BigInt(i)).toString();
        return 'before' in effect
          ? {
              sequenceNumber,
              kind: 'change',
              change: { sequenceNumber, before: effect.before, after: effect.after },
            }
          : { sequenceNumber, kind: 'ignore' };
      }),
  );

const plainKey = (survey: Survey, dimension: string, value: string, day: Day) =>
  `${survey} ${dimension}=${value} ${day}`;

/** What a person would count from the responses as they ended: live or expired, not suspect. */
const handCount = (history: History, fates: Fate[]): Map<string, Histogram> => {
  const counts = new Map<string, Histogram>();
  fates.forEach((fate, i) => {
    if ((fate.kind !== 'live' && fate.kind !== 'expired') || fate.answer.suspect) return;
    const { survey, day, segments } = history.responses[i] as ResponseSpec;
    const { min, max } = SCALES[survey];
    const slices: [string, string][] = [
      ['*', '*'],
      ['team', segments.team],
      ['channel', segments.channel],
      ['touchpoint', segments.touchpoint],
    ];
    if (segments.agent !== undefined) slices.push(['agent', segments.agent]);
    for (const [dimension, value] of slices) {
      const key = plainKey(survey, dimension, value, day);
      const histogram = counts.get(key) ?? Array.from({ length: max - min + 1 }, () => 0);
      histogram[fate.answer.score - min] = (histogram[fate.answer.score - min] ?? 0) + 1;
      counts.set(key, histogram);
    }
  });
  return counts;
};

/** What readers see: each day bucket's write slots added up, empty buckets left out. */
const storedCounts = (store: InMemoryAggregateStore): Map<string, Histogram> => {
  const counts = new Map<string, Histogram>();
  for (const { bucket, state } of store.items.values()) {
    const key = plainKey(
      bucket.survey,
      bucket.segment?.dimension ?? '*',
      bucket.segment?.value ?? '*',
      bucket.day,
    );
    const sum = counts.get(key);
    counts.set(key, sum ? sum.map((count, i) => count + (state.histogram[i] ?? 0)) : [...state.histogram]);
  }
  return new Map([...counts].filter(([, histogram]) => histogram.some((count) => count !== 0)));
};

/** A small seeded generator for the delivery chaos, so that a failing run can be replayed. */
const chaosOf = (seed: number) => {
  const next = seededRandom(seed);
  return { int: (below: number) => Math.floor(next() * below), chance: (p: number) => next() < p };
};

type Chaos = ReturnType<typeof chaosOf>;

/**
 * The store as Lambda sees it on a bad day: reads and writes that fail, including writes that land
 * and then report an error, and calls that interleave with the other shard's.
 */
const unreliable = (store: InMemoryAggregateStore, chaos: Chaos): AggregateStore => {
  const interleave = async () => {
    for (let ticks = chaos.int(4); ticks > 0; ticks -= 1) await Promise.resolve();
  };
  return {
    async read(buckets) {
      await interleave();
      if (chaos.chance(0.05)) throw new Error('injected read failure');
      return store.read(buckets);
    },
    async write(bucket, state, expectedVersion) {
      await interleave();
      if (chaos.chance(0.1)) throw new Error('injected write failure');
      const written = await store.write(bucket, state, expectedVersion);
      if (chaos.chance(0.05)) throw new Error('injected failure after the write landed');
      return written;
    },
    range: (...args) => store.range(...args),
    register: async (...args) => {
      await interleave();
      if (chaos.chance(0.05)) throw new Error('injected registry failure');
      return store.register(...args);
    },
    values: (...args) => store.values(...args),
  };
};

/**
 * Delivers one shard's records as Lambda's event source mapping may: batches of random size, each
 * delivered one to three times, a retry from the lowest failed record, and now and then an old batch
 * delivered again after later ones.
 */
const deliverShard = async (
  shardId: string,
  inputs: AggregatorInput[],
  deps: AggregateDeps,
  chaos: Chaos,
  maxBatch: number,
): Promise<void> => {
  const delivered: AggregatorInput[][] = [];
  let position = 0;
  for (let round = 0; position < inputs.length; round += 1) {
    if (round > 5_000) throw new Error(`${shardId} made no progress past record ${position}`);
    const batch = inputs.slice(position, position + 1 + chaos.int(maxBatch));
    let result = await aggregateResponses(shardId, batch, deps);
    for (let again = chaos.int(3); again > 0; again -= 1)
      result = await aggregateResponses(shardId, batch, deps);
    delivered.push(batch);
    const lowest = result.failed[0]?.sequenceNumber;
    const retryFrom =
      lowest === undefined ? -1 : inputs.findIndex((input) => input.sequenceNumber === lowest);
    if (lowest !== undefined && retryFrom < position)
      throw new Error(`failure ${lowest} is not in the batch`);
    position = lowest === undefined ? position + batch.length : retryFrom;
    if (delivered.length > 1 && chaos.chance(0.2)) {
      await aggregateResponses(shardId, delivered[chaos.int(delivered.length - 1)] ?? [], deps);
    }
  }
};

const replayArb = fc.record({
  history: historyArb,
  chaosSeed: fc.integer(),
  maxBatch: fc.integer({ min: 1, max: 10 }),
  start: fc.constantFrom(1n, 95n, 999_999_990n, 10n ** 39n - 40n),
  gap: fc.bigInt({ min: 1n, max: 9n }),
});

describe('aggregating a replayed answer history', () => {
  it.each([1, 2])(
    'leaves every bucket equal to a hand count with %i shard(s), redelivery and failures',
    async (shards) => {
      await fc.assert(
        fc.asyncProperty(replayArb, async ({ history, chaosSeed, maxBatch, start, gap }) => {
          // Prepare
          const store = new InMemoryAggregateStore();
          const { effects, fates } = play(history);
          const streams = streamsOf(effects, shards, start, gap);
          const deps: AggregateDeps = { aggregates: unreliable(store, chaosOf(chaosSeed)), clock };

          // Act
          await Promise.all(
            streams.map((inputs, shard) =>
              deliverShard(`shard-${shard}`, inputs, deps, chaosOf(chaosSeed + shard + 1), maxBatch),
            ),
          );

          // Assess
          expect(storedCounts(store)).toEqual(handCount(history, fates));
        }),
        { numRuns: 150 },
      );
    },
  );

  it('leaves every bucket equal to a hand count after one clean pass', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (history) => {
        // Prepare
        const store = new InMemoryAggregateStore();
        const { effects, fates } = play(history);
        const [inputs = []] = streamsOf(effects, 1, 1n, 1n);

        // Act
        const result = await aggregateResponses('shard-0', inputs, { aggregates: store, clock });

        // Assess
        expect(result.failed).toEqual([]);
        expect(storedCounts(store)).toEqual(handCount(history, fates));
      }),
      { numRuns: 100 },
    );
  });
});

describe('writeSlotOf', () => {
  it('spreads shards over every slot and always puts a shard in the same one', () => {
    const slots = Array.from({ length: 200 }, (_, i) => writeSlotOf(`shardId-0000000${i}-abc`));

    expect(new Set(slots)).toEqual(new Set(Array.from({ length: WRITE_SLOTS }, (_, i) => i)));
    expect(writeSlotOf('shardId-00000001-x')).toBe(writeSlotOf('shardId-00000001-x'));
  });
});
