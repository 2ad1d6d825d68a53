import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCALES, SURVEYS, type Survey } from '../surveys/scales.js';
import {
  addHistograms,
  computeFigures,
  DEFAULT_MIN_SAMPLE,
  emptyHistogram,
  histogramOf,
  roundTo,
} from './formulas.js';

const repeat = (score: number, times: number): number[] => Array.from({ length: times }, () => score);

/**
 * numerator / denominator rounded to `decimals` decimals, half away from zero, in exact integer
 * arithmetic: what a person counting by hand gets.
 */
const roundRatio = (numerator: number, denominator: number, decimals: number): number => {
  const scaled = Math.abs(numerator) * 10 ** decimals;
  const quotient = Math.floor((2 * scaled + denominator) / (2 * denominator));
  const rounded = (Math.sign(numerator) * quotient) / 10 ** decimals;
  return rounded === 0 ? 0 : rounded;
};

const roundHalfAwayFromZero = (value: number, decimals: number): number => {
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * 10 ** decimals)) / 10 ** decimals;
  return rounded === 0 ? 0 : rounded;
};

/** The figures recounted straight from the list of scores, as DESIGN.md defines them. */
const recount = (survey: Survey, scores: number[], minSample: number) => {
  const n = scores.length;
  const count = (low: number, high: number) => scores.filter((s) => s >= low && s <= high).length;
  const sum = scores.reduce((total, s) => total + s, 0);
  const lowSample = n < minSample;
  switch (survey) {
    case 'nps': {
      const promoters = count(9, 10);
      const passives = count(7, 8);
      const detractors = count(0, 6);
      const spread = (promoters + detractors) * n - (promoters - detractors) ** 2;
      return {
        survey,
        n,
        score: n === 0 ? null : roundRatio(100 * (promoters - detractors), n, 1),
        lowSample,
        promoters,
        passives,
        detractors,
        marginOfError: n === 0 ? null : roundHalfAwayFromZero(196 * Math.sqrt(spread / n ** 3), 1),
      };
    }
    case 'csat': {
      const satisfied = count(4, 5);
      return {
        survey,
        n,
        score: n === 0 ? null : roundRatio(100 * satisfied, n, 1),
        lowSample,
        satisfied,
        mean: n === 0 ? null : roundRatio(sum, n, 2),
      };
    }
    case 'ces': {
      const easy = count(5, 7);
      const neutral = count(4, 4);
      const difficult = count(1, 3);
      return {
        survey,
        n,
        score: n === 0 ? null : roundRatio(sum, n, 1),
        lowSample,
        easy,
        neutral,
        difficult,
        percentEasy: n === 0 ? null : roundRatio(100 * easy, n, 1),
        netEasy: n === 0 ? null : roundRatio(100 * (easy - difficult), n, 1),
      };
    }
  }
};

const scoreOf = (survey: Survey) => fc.integer({ min: SCALES[survey].min, max: SCALES[survey].max });

/**
 * Any number of answers, with extra weight on sample sizes (16, 40, 48, 80) where a share or a mean
 * lands exactly on a ...5 in the second decimal, the cases that test the rounding rule.
 */
const scoresArb = (survey: Survey) =>
  fc.oneof(fc.array(scoreOf(survey), { maxLength: 100 }), {
    arbitrary: fc
      .constantFrom(16, 40, 48, 80)
      .chain((n) => fc.array(scoreOf(survey), { minLength: n, maxLength: n })),
    weight: 2,
  });

const surveyAndScoresArb = fc
  .constantFrom(...SURVEYS)
  .chain((survey) => fc.tuple(fc.constant(survey), scoresArb(survey)));

/** Two lists of scores of one survey, and the survey. */
const twoScoreListsArb = fc
  .constantFrom(...SURVEYS)
  .chain((survey) => fc.tuple(scoresArb(survey), scoresArb(survey), fc.constant(survey)));

describe('computeFigures', () => {
  it.each<{ name: string; survey: Survey; scores: number[]; expected: object }>([
    {
      name: 'computes NPS from 5 promoters, 3 passives and 2 detractors',
      survey: 'nps',
      scores: [...repeat(10, 3), ...repeat(9, 2), 8, 7, 7, 6, 0],
      expected: {
        survey: 'nps',
        n: 10,
        score: 30,
        lowSample: true,
        promoters: 5,
        passives: 3,
        detractors: 2,
        marginOfError: Math.round(1.96 * Math.sqrt((0.5 + 0.2 - 0.09) / 10) * 100 * 10) / 10,
      },
    },
    {
      name: 'computes CSAT as the share of 4 and 5 and the mean',
      survey: 'csat',
      scores: [5, 5, 4, 3, 1, 2, 4],
      expected: { survey: 'csat', n: 7, score: 57.1, lowSample: true, satisfied: 4, mean: 3.43 },
    },
    {
      name: 'computes CES as the mean with % easy and net easy',
      survey: 'ces',
      scores: [7, 6, 5, 5, 4, 3, 1, 2],
      expected: {
        survey: 'ces',
        n: 8,
        score: 4.1,
        lowSample: true,
        easy: 4,
        neutral: 1,
        difficult: 3,
        percentEasy: 50,
        netEasy: 12.5,
      },
    },
  ])('$name', ({ survey, scores, expected }) => {
    // Act
    const figures = computeFigures(survey, histogramOf(survey, scores));

    // Assess
    expect(figures).toEqual(expected);
  });

  it.each<{ name: string; survey: Survey; scores: number[]; expected: object }>([
    {
      name: 'gives an NPS margin of error of 48.4 for 5 promoters, 3 passives and 2 detractors',
      survey: 'nps',
      scores: [...repeat(10, 3), ...repeat(9, 2), 8, 7, 7, 6, 0],
      expected: { marginOfError: 48.4 },
    },
    {
      name: 'gives a negative NPS when detractors outnumber promoters',
      survey: 'nps',
      scores: [0, 3, 6, 9],
      expected: { score: -50, promoters: 1, detractors: 3, passives: 0 },
    },
    {
      name: 'gives NPS 100 and no margin when everyone promotes',
      survey: 'nps',
      scores: repeat(10, 4),
      expected: { score: 100, marginOfError: 0 },
    },
    {
      name: 'rounds an NPS of exactly 6.25 up to 6.3 (8 promoters, 5 detractors, 35 passives)',
      survey: 'nps',
      scores: [...repeat(9, 8), ...repeat(0, 5), ...repeat(7, 35)],
      expected: { score: 6.3 },
    },
    {
      name: 'rounds a CSAT mean of exactly 1.025 up to 1.03 (1 two and 39 ones)',
      survey: 'csat',
      scores: [2, ...repeat(1, 39)],
      expected: { n: 40, mean: 1.03 },
    },
    {
      name: 'rounds a % easy of exactly 28.75 up to 28.8 (23 easy of 80)',
      survey: 'ces',
      scores: [...repeat(7, 23), ...repeat(4, 57)],
      expected: { percentEasy: 28.8 },
    },
  ])('$name', ({ survey, scores, expected }) => {
    // Act
    const figures = computeFigures(survey, histogramOf(survey, scores));

    // Assess
    expect(figures).toMatchObject(expected);
  });

  it.each([
    [
      'nps',
      {
        survey: 'nps',
        n: 0,
        score: null,
        lowSample: true,
        promoters: 0,
        passives: 0,
        detractors: 0,
        marginOfError: null,
      },
    ],
    ['csat', { survey: 'csat', n: 0, score: null, lowSample: true, satisfied: 0, mean: null }],
    [
      'ces',
      {
        survey: 'ces',
        n: 0,
        score: null,
        lowSample: true,
        easy: 0,
        neutral: 0,
        difficult: 0,
        percentEasy: null,
        netEasy: null,
      },
    ],
  ] as const)('answers nulls for %s with no answers', (survey, expected) => {
    // Act
    const figures = computeFigures(survey, emptyHistogram(survey));

    // Assess
    expect(figures).toEqual(expected);
  });

  it.each(SURVEYS)('flags %s as low-sample below the minimum and not at it', (survey) => {
    // Prepare
    const score = SCALES[survey].max;
    const minSample = 12;

    // Act
    const below = computeFigures(survey, histogramOf(survey, repeat(score, minSample - 1)), minSample);
    const at = computeFigures(survey, histogramOf(survey, repeat(score, minSample)), minSample);

    // Assess
    expect(below.lowSample).toBe(true);
    expect(at.lowSample).toBe(false);
  });

  it('uses a minimum sample of 30 by default', () => {
    // Act
    const below = computeFigures('nps', histogramOf('nps', repeat(9, 29)));
    const at = computeFigures('nps', histogramOf('nps', repeat(9, 30)));

    // Assess
    expect(DEFAULT_MIN_SAMPLE).toBe(30);
    expect([below.lowSample, at.lowSample]).toEqual([true, false]);
  });

  it('matches a recount of the raw scores', () => {
    fc.assert(
      fc.property(surveyAndScoresArb, fc.integer({ min: 0, max: 60 }), ([survey, scores], minSample) => {
        // Act
        const figures = computeFigures(survey, histogramOf(survey, scores), minSample);

        // Assess
        expect(figures).toEqual(recount(survey, scores, minSample));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the NPS score within -100 and 100', () => {
    fc.assert(
      fc.property(fc.array(scoreOf('nps'), { minLength: 1, maxLength: 200 }), (scores) => {
        // Act
        const { score } = computeFigures('nps', histogramOf('nps', scores));

        // Assess
        expect(score).not.toBeNull();
        expect(score).toBeGreaterThanOrEqual(-100);
        expect(score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 200 },
    );
  });
});

describe('histogramOf and addHistograms', () => {
  it('counts each score at its index from the bottom of the scale', () => {
    // Act
    const histogram = histogramOf('csat', [1, 5, 5, 3]);

    // Assess
    expect(histogram).toEqual([1, 0, 1, 0, 2]);
  });

  it.each([
    { survey: 'nps', length: 11 },
    { survey: 'csat', length: 5 },
    { survey: 'ces', length: 7 },
  ] as const)('gives $survey an empty histogram of $length zeros', ({ survey, length }) => {
    // Act
    const histogram = emptyHistogram(survey);

    // Assess
    expect(histogram).toEqual(repeat(0, length));
  });

  it('adds histograms in either order', () => {
    fc.assert(
      fc.property(twoScoreListsArb, ([a, b, survey]) => {
        // Prepare
        const ha = histogramOf(survey, a);
        const hb = histogramOf(survey, b);

        // Act
        const ab = addHistograms(ha, hb);
        const ba = addHistograms(hb, ha);

        // Assess
        expect(ab).toEqual(ba);
      }),
      { numRuns: 100 },
    );
  });

  it('counts two lists together as the sum of their histograms', () => {
    fc.assert(
      fc.property(twoScoreListsArb, ([a, b, survey]) => {
        // Act
        const together = histogramOf(survey, [...a, ...b]);
        const summed = addHistograms(histogramOf(survey, a), histogramOf(survey, b));

        // Assess
        expect(summed).toEqual(together);
      }),
      { numRuns: 100 },
    );
  });

  it('leaves its inputs alone', () => {
    // Prepare
    const a = histogramOf('csat', [1, 2]);
    const b = histogramOf('csat', [2, 5]);

    // Act
    addHistograms(a, b);

    // Assess
    expect(a).toEqual([1, 1, 0, 0, 0]);
    expect(b).toEqual([0, 1, 0, 0, 1]);
  });
});

describe('roundTo', () => {
  it.each([
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [0.25, 1, 0.3],
    [-0.25, 1, -0.3],
    [12.5, 0, 13],
    [1.04, 1, 1],
    [-1.06, 1, -1.1],
    [48.408, 1, 48.4],
  ])('rounds %d to %i decimals as %d', (value, decimals, expected) => {
    // Act
    const rounded = roundTo(value, decimals);

    // Assess
    expect(rounded).toBe(expected);
  });

  it.each([-0, -0.04, -0.0001, -1e-12])('never answers -0, not even for %d', (value) => {
    // Act
    const rounded = roundTo(value, 1);

    // Assess
    expect(Object.is(rounded, 0)).toBe(true);
  });

  it('rounds exact halves away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (whole) => {
        // Prepare
        const value = whole + (whole < 0 ? -0.5 : 0.5);

        // Act
        const rounded = roundTo(value, 0);

        // Assess
        expect(rounded).toBe(whole < 0 ? whole - 1 : whole + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('is symmetric around zero', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (value, decimals) => {
          // Act
          const positive = roundTo(Math.abs(value), decimals);
          const negative = roundTo(-Math.abs(value), decimals);

          // Assess
          expect(negative).toBe(positive === 0 ? 0 : -positive);
        },
      ),
      { numRuns: 200 },
    );
  });
});
