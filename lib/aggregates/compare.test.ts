import { describe, expect, it } from 'vitest';
import type { Survey } from '../surveys/scales.js';
import { compareWithPrevious, histogramBetween } from './compare.js';
import { histogramOf } from './formulas.js';

const repeat = (score: number, times: number): number[] => Array.from({ length: times }, () => score);

const PREVIOUS_DAYS = { from: '2026-10-22', to: '2026-10-28' };

const compare = (survey: Survey, current: number[], previous: number[], minSample = 30) =>
  compareWithPrevious(
    survey,
    histogramOf(survey, current),
    histogramOf(survey, previous),
    PREVIOUS_DAYS,
    minSample,
  );

describe('compareWithPrevious', () => {
  it('calls a rise of 30 points significant when it exceeds both margins together', () => {
    // Prepare: CSAT 80 of 100 now (margin 1.96·0.04·100 = 7.84), 50 of 100 before (9.8);
    // √(7.84² + 9.8²) = 12.55 < 30.
    const now = [...repeat(5, 80), ...repeat(1, 20)];
    const before = [...repeat(4, 50), ...repeat(2, 50)];

    // Act
    const comparison = compare('csat', now, before);

    // Assess
    expect(comparison).toEqual({
      previous: { ...PREVIOUS_DAYS, n: 100, score: 50, marginOfError: 9.8, lowSample: false },
      change: { score: 30, significant: true },
    });
  });

  it('calls a rise of 5 points within the margins not significant', () => {
    // Prepare: CSAT 55 of 100 now (margin 9.75), 50 of 100 before (9.8); √(9.75² + 9.8²) = 13.8 > 5.
    const now = [...repeat(5, 55), ...repeat(1, 45)];
    const before = [...repeat(4, 50), ...repeat(2, 50)];

    // Act
    const { change } = compare('csat', now, before);

    // Assess
    expect(change).toEqual({ score: 5, significant: false });
  });

  it('calls a fall significant as well as a rise', () => {
    // Prepare: NPS −100 now (all detractors, margin 0), 100 before (all promoters, margin 0).
    const now = repeat(3, 5);
    const before = repeat(10, 5);

    // Act
    const { change } = compare('nps', now, before);

    // Assess
    expect(change).toEqual({ score: -200, significant: true });
  });

  it('calls no change between two equal windows significant', () => {
    // Act
    const { change } = compare('csat', repeat(5, 3), repeat(4, 4));

    // Assess
    expect(change).toEqual({ score: 0, significant: false });
  });

  it('answers no change when the previous window has no answers, with its figures as nulls', () => {
    // Act
    const comparison = compare('nps', [10, 9, 0], []);

    // Assess
    expect(comparison).toEqual({
      previous: { ...PREVIOUS_DAYS, n: 0, score: null, marginOfError: null, lowSample: true },
      change: null,
    });
  });

  it('answers no change when the current window has no answers', () => {
    // Act
    const comparison = compare('ces', [], [7, 6, 5]);

    // Assess
    expect(comparison.change).toBeNull();
    expect(comparison.previous).toMatchObject({ n: 3, score: 6, marginOfError: 1.13 });
  });

  it('gives the change but never calls it significant with one answer on a side', () => {
    // Prepare: NPS 100 on one answer now (margin 0), −100 on 10 before (margin 0): 200 > 0, but n = 1.
    const now = [10];
    const before = repeat(0, 10);

    // Act
    const { change } = compare('nps', now, before);

    // Assess
    expect(change).toEqual({ score: 200, significant: false });
  });

  it('gives the change on one CES answer, whose margin is not defined, and calls it not significant', () => {
    // Act
    const comparison = compare('ces', [7, 7, 7], [1]);

    // Assess
    expect(comparison).toEqual({
      previous: { ...PREVIOUS_DAYS, n: 1, score: 1, marginOfError: null, lowSample: true },
      change: { score: 6, significant: false },
    });
  });

  it('subtracts the unrounded scores, then rounds', () => {
    // Prepare: CSAT 1 of 3 now (33.33…, shown 33.3), 1 of 16 before (6.25, shown 6.3):
    // 33.33… − 6.25 = 27.08…, where the shown scores would give 27.0.
    const now = [5, 1, 1];
    const before = [4, ...repeat(2, 15)];

    // Act
    const { previous, change } = compare('csat', now, before);

    // Assess
    expect(previous.score).toBe(6.3);
    expect(change?.score).toBe(27.1);
  });

  it('rounds an exact half of a change away from zero', () => {
    // Prepare: CES mean 33/8 = 4.125 now, 21/5 = 4.2 before: −0.075 exactly.
    const now = [7, 6, 5, 5, 4, 3, 1, 2];
    const before = [4, 4, 5, 4, 4];

    // Act
    const { change } = compare('ces', now, before);

    // Assess
    expect(change).toEqual({ score: -0.1, significant: false });
  });

  it('compares CES in score units, with the previous margin at two decimals', () => {
    // Prepare: mean 6.5 on 6, 6, 7, 7 now (sd² = 1/3, margin 1.96·√(1/12) = 0.566), mean 2 on 1, 2, 3
    // before (sd² = 1, margin 1.96 / √3 = 1.132): 4.5 > √(0.566² + 1.132²) = 1.27.
    const now = [6, 6, 7, 7];
    const before = [1, 2, 3];

    // Act
    const comparison = compare('ces', now, before, 3);

    // Assess
    expect(comparison).toEqual({
      previous: { ...PREVIOUS_DAYS, n: 3, score: 2, marginOfError: 1.13, lowSample: false },
      change: { score: 4.5, significant: true },
    });
  });

  it('flags the previous window as low-sample below the minimum', () => {
    // Act
    const low = compare('nps', [10], repeat(10, 4), 5).previous;
    const enough = compare('nps', [10], repeat(10, 5), 5).previous;

    // Assess
    expect([low.lowSample, enough.lowSample]).toEqual([true, false]);
  });
});

describe('histogramBetween', () => {
  it('adds the days between the two days, both included, and nothing outside them', () => {
    // Prepare
    const days = [
      { day: '2026-11-19', histogram: histogramOf('csat', [1]) },
      { day: '2026-11-20', histogram: histogramOf('csat', [2, 5]) },
      { day: '2026-11-23', histogram: histogramOf('csat', [5]) },
      { day: '2026-11-26', histogram: histogramOf('csat', [3]) },
      { day: '2026-11-27', histogram: histogramOf('csat', [4]) },
    ];

    // Act
    const histogram = histogramBetween('csat', days, { from: '2026-11-20', to: '2026-11-26' });

    // Assess
    expect(histogram).toEqual([0, 1, 1, 0, 2]);
  });

  it('answers an empty histogram when no day falls between', () => {
    // Act
    const histogram = histogramBetween('ces', [], { from: '2026-11-20', to: '2026-11-26' });

    // Assess
    expect(histogram).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
