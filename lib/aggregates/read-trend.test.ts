import { describe, expect, it } from 'vitest';
import { ValidationError } from '../platform/errors.js';
import type { Survey } from '../surveys/scales.js';
import type { Segment } from '../surveys/segments.js';
import { histogramOf } from './formulas.js';
import type { AggregateStore } from './ports.js';
import { readTrend, TrendQuerySchema } from './read-metrics.js';

const storeWith = (
  days: Record<string, number[]>,
  reads: { from: string; to: string }[] = [],
): AggregateStore => ({
  read: async () => new Map(),
  write: async () => true,
  register: async () => {},
  values: async () => [],
  range: async (survey: Survey, _segment: Segment, from: string, to: string) => {
    reads.push({ from, to });
    return Object.entries(days)
      .filter(([day]) => day >= from && day <= to)
      .map(([day, scores]) => ({ day, histogram: histogramOf(survey, scores), counts: {} }));
  },
});

const clock = { now: () => new Date('2026-11-26T15:00:00Z') };

describe('readTrend', () => {
  it('gives one point per day, today included, with n and the margin of error', async () => {
    const reads: { from: string; to: string }[] = [];
    const store = storeWith({ '2026-11-24': [10, 10, 3], '2026-11-26': [9] }, reads);

    const trend = await readTrend(TrendQuerySchema.parse({ survey: 'nps', days: '3' }), {
      aggregates: store,
      clock,
      minSample: 30,
    });

    expect(reads).toEqual([{ from: '2026-11-24', to: '2026-11-26' }]);
    expect(trend.points.map((p) => [p.from, p.n, p.score])).toEqual([
      ['2026-11-24', 3, 33.3],
      ['2026-11-25', 0, null],
      ['2026-11-26', 1, 100],
    ]);
    // NPS 33.3 on 3 answers: 1.96 × √((2/3 + 1/3 − (1/3)²) / 3) × 100; none without answers; 0 on one.
    expect(trend.points.map((p) => ('marginOfError' in p ? p.marginOfError : 'none'))).toEqual([
      106.7,
      null,
      0,
    ]);
  });

  it('gives CSAT points their margin of error in points', async () => {
    const store = storeWith({ '2026-11-25': [5, 4, 3, 1], '2026-11-26': [5, 5] });

    const trend = await readTrend(TrendQuerySchema.parse({ survey: 'csat', days: '3' }), {
      aggregates: store,
      clock,
      minSample: 30,
    });

    // 2 satisfied of 4: 1.96 × √(0.5 × 0.5 / 4) × 100 = 49; none without answers; 0 when all are satisfied.
    expect(trend.points.map((p) => [p.from, p.n, p.score, p.marginOfError])).toEqual([
      ['2026-11-24', 0, null, null],
      ['2026-11-25', 4, 50, 49],
      ['2026-11-26', 2, 100, 0],
    ]);
  });

  it('gives CES points their mean and margin of error in score units, none below 2 answers', async () => {
    const store = storeWith({ '2026-11-24': [1, 7], '2026-11-25': [6] });

    const trend = await readTrend(TrendQuerySchema.parse({ survey: 'ces', days: '3' }), {
      aggregates: store,
      clock,
      minSample: 30,
    });

    // 1 and 7: sd = √18, 1.96 × √18 / √2 = 5.88.
    expect(
      trend.points.map((p) => [p.from, p.n, p.score, 'mean' in p ? p.mean : 'none', p.marginOfError]),
    ).toEqual([
      ['2026-11-24', 2, 4, 4, 5.88],
      ['2026-11-25', 1, 6, 6, null],
      ['2026-11-26', 0, null, null, null],
    ]);
  });

  it('groups days into ISO weeks, Monday to Sunday, clipping the first and last to the range', async () => {
    const store = storeWith({ '2026-11-15': [1], '2026-11-16': [5], '2026-11-22': [5], '2026-11-23': [3] });

    const trend = await readTrend(TrendQuerySchema.parse({ survey: 'csat', days: '12', bucket: 'week' }), {
      aggregates: store,
      clock,
      minSample: 1,
    });

    expect(trend.points.map((p) => [p.from, p.to, p.n])).toEqual([
      ['2026-11-15', '2026-11-15', 1],
      ['2026-11-16', '2026-11-22', 2],
      ['2026-11-23', '2026-11-26', 1],
    ]);
  });

  it('refuses an unknown bucket, a days count out of range and an unknown parameter, naming each', () => {
    const result = TrendQuerySchema.safeParse({ survey: 'nps', days: '0', bucket: 'month', region: 'eu' });

    expect(result.success).toBe(false);
    const fields = result.error?.issues.flatMap((i) =>
      i.code === 'unrecognized_keys' ? i.keys : i.path.map(String),
    );
    expect(fields).toEqual(expect.arrayContaining(['days', 'bucket', 'region']));
  });

  it('refuses two segment filters at once', async () => {
    await expect(
      readTrend(TrendQuerySchema.parse({ survey: 'nps', team: 'a', channel: 'chat' }), {
        aggregates: storeWith({}),
        clock,
        minSample: 30,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
