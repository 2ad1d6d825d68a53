import { describe, expect, it } from 'vitest';
import {
  categoriesOf,
  categorize,
  DEFAULT_UNHAPPY_AT_OR_BELOW,
  isOnScale,
  isUnhappy,
  SCALES,
  type Survey,
  scoreSchema,
  scoresOf,
  severityOf,
} from './scales.js';

describe('categorize', () => {
  it.each([
    ['nps', 0, 'detractor'],
    ['nps', 6, 'detractor'],
    ['nps', 7, 'passive'],
    ['nps', 8, 'passive'],
    ['nps', 9, 'promoter'],
    ['nps', 10, 'promoter'],
    ['csat', 1, 'unsatisfied'],
    ['csat', 2, 'unsatisfied'],
    ['csat', 3, 'neutral'],
    ['csat', 4, 'satisfied'],
    ['csat', 5, 'satisfied'],
    ['ces', 1, 'difficult'],
    ['ces', 3, 'difficult'],
    ['ces', 4, 'neutral'],
    ['ces', 5, 'easy'],
    ['ces', 7, 'easy'],
  ] as const)('puts %s %i in %s', (survey, score, category) => {
    // Act
    const result = categorize(survey, score);

    // Assess
    expect(result).toBe(category);
  });

  it.each([
    ['nps', -1],
    ['nps', 11],
    ['csat', 0],
    ['csat', 6],
    ['ces', 0],
    ['ces', 8],
  ] as const)('throws for the off-scale %s score %i', (survey, score) => {
    // Act
    const act = () => categorize(survey, score);

    // Assess
    expect(act).toThrow(RangeError);
  });

  it.each([
    ['nps', 6.5],
    ['csat', 3.2],
    ['ces', 4.0001],
    ['nps', Number.NaN],
    ['nps', Number.POSITIVE_INFINITY],
  ] as const)('throws for the non-integer %s score %d', (survey, score) => {
    // Act
    const act = () => categorize(survey, score);

    // Assess
    expect(act).toThrow(/not on the/);
  });
});

describe('categoriesOf', () => {
  it.each([
    ['nps', ['detractor', 'passive', 'promoter']],
    ['csat', ['unsatisfied', 'neutral', 'satisfied']],
    ['ces', ['difficult', 'neutral', 'easy']],
  ] as const)('names the categories of %s from its scale, lowest first', (survey, categories) => {
    expect(categoriesOf(survey)).toEqual(categories);
  });
});

describe('isOnScale', () => {
  it.each([
    ['nps', 0, 10],
    ['csat', 1, 5],
    ['ces', 1, 7],
  ] as const)('accepts %s from %i to %i and nothing around them', (survey, min, max) => {
    // Act
    const inside = [min, max].map((score) => isOnScale(survey, score));
    const outside = [min - 1, max + 1, min + 0.5].map((score) => isOnScale(survey, score));

    // Assess
    expect(inside).toEqual([true, true]);
    expect(outside).toEqual([false, false, false]);
  });
});

describe('scoreSchema', () => {
  it('names the scale when a score is off it', () => {
    // Act
    const result = scoreSchema('csat').safeParse(6);

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be 1 to 5');
  });
});

describe('isUnhappy', () => {
  it.each([
    ['nps', 6, true],
    ['nps', 7, false],
    ['csat', 2, true],
    ['csat', 3, false],
    ['ces', 3, true],
    ['ces', 4, false],
  ] as const)('with the default thresholds calls %s %i unhappy: %s', (survey, score, unhappy) => {
    // Act
    const result = isUnhappy(survey, score);

    // Assess
    expect(result).toBe(unhappy);
  });

  it('takes every score at or below a custom threshold as unhappy', () => {
    // Prepare
    const thresholds = { nps: 8, csat: 1, ces: 5 };

    // Act
    const unhappy = (survey: Survey) =>
      scoresOf(survey).filter((score) => isUnhappy(survey, score, thresholds));

    // Assess
    expect(unhappy('nps')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(unhappy('csat')).toEqual([1]);
    expect(unhappy('ces')).toEqual([1, 2, 3, 4, 5]);
  });

  it('finds nothing unhappy when the threshold is below the scale', () => {
    // Prepare
    const thresholds = { nps: -1, csat: 0, ces: 0 };

    // Act
    const anyUnhappy = (['nps', 'csat', 'ces'] as const).some((survey) =>
      scoresOf(survey).some((score) => isUnhappy(survey, score, thresholds)),
    );

    // Assess
    expect(anyUnhappy).toBe(false);
  });

  it.each([
    ['nps', -1],
    ['csat', 0],
    ['ces', 2.5],
  ] as const)('does not call the off-scale %s score %d unhappy', (survey, score) => {
    // Act
    const result = isUnhappy(survey, score);

    // Assess
    expect(result).toBe(false);
  });
});

describe('severityOf', () => {
  it.each([
    ['nps', { high: [0, 1, 2, 3], medium: [4, 5, 6], low: [7, 8, 9, 10] }],
    ['csat', { high: [1], medium: [2], low: [3, 4, 5] }],
    ['ces', { high: [1, 2], medium: [3], low: [4, 5, 6, 7] }],
  ] as const)('grades %s by the lower half of the default unhappy range', (survey, expected) => {
    // Act
    const grades = scoresOf(survey).map((score) => severityOf(survey, score));

    // Assess
    const byGrade = (grade: string) => scoresOf(survey).filter((_, i) => grades[i] === grade);
    expect({ high: byGrade('high'), medium: byGrade('medium'), low: byGrade('low') }).toEqual(expected);
  });

  it('grades by a custom threshold', () => {
    // Prepare
    const thresholds = { ...DEFAULT_UNHAPPY_AT_OR_BELOW, nps: 8 };

    // Act
    const grades = scoresOf('nps').map((score) => severityOf('nps', score, thresholds));

    // Assess
    expect(grades).toEqual([
      'high',
      'high',
      'high',
      'high',
      'high',
      'medium',
      'medium',
      'medium',
      'medium',
      'low',
      'low',
    ]);
  });

  it('calls an off-scale score low', () => {
    // Act
    const result = severityOf('nps', -3);

    // Assess
    expect(result).toBe('low');
  });
});

describe('scoresOf', () => {
  it.each([
    ['nps', 11],
    ['csat', 5],
    ['ces', 7],
  ] as const)('lists the scores of %s, %i of them, lowest first', (survey, length) => {
    // Act
    const scores = scoresOf(survey);

    // Assess
    expect(scores).toHaveLength(length);
    expect(scores[0]).toBe(SCALES[survey].min);
    expect(scores.at(-1)).toBe(SCALES[survey].max);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });
});
