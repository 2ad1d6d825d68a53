import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCALES, SURVEYS, type Survey } from '../surveys/scales.js';
import {
  addHistograms,
  computeFigures,
  DEFAULT_MIN_SAMPLE,
  emptyHistogram,
  estimateOf,
  histogramOf,
  roundFraction,
  roundSquareRoot,
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

/**
 * √(numerator / denominator) rounded half up to `decimals`, found by search in exact integer
 * arithmetic: the k for which k − ½ ≤ the root·10^decimals < k + ½.
 */
const roundRoot = (numerator: bigint, denominator: bigint, decimals: number): number => {
  const square = (k: bigint) =>
    (2n * k - 1n) ** 2n * denominator <= 4n * numerator * 100n ** BigInt(decimals);
  let low = 0n;
  let high = 1n;
  while (square(high)) high *= 2n;
  while (high - low > 1n) {
    const middle = (low + high) / 2n;
    if (square(middle)) low = middle;
    else high = middle;
  }
  return Number(low) / 10 ** decimals;
};

/** 1.96² as 38416 / 10000. */
const Z_SQUARED = 38_416n;

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
        marginOfError: n === 0 ? null : roundRoot(Z_SQUARED * BigInt(spread), BigInt(n) ** 3n, 1),
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
        // 1.96·√(s(1 − s) / n)·100 with s = satisfied / n.
        marginOfError:
          n === 0 ? null : roundRoot(Z_SQUARED * BigInt(satisfied * (n - satisfied)), BigInt(n) ** 3n, 1),
      };
    }
    case 'ces': {
      const easy = count(5, 7);
      const neutral = count(4, 4);
      const difficult = count(1, 3);
      // Σ(x − mean)² is Σ(n·x − sum)² / n²; sd² divides it by n − 1, and the margin is 1.96·sd / √n.
      const deviations = scores.reduce((total, s) => total + BigInt(n * s - sum) ** 2n, 0n);
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
        mean: n === 0 ? null : roundRatio(sum, n, 2),
        marginOfError:
          n < 2 ? null : roundRoot(Z_SQUARED * deviations, 10_000n * BigInt(n) ** 3n * BigInt(n - 1), 2),
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
      // 1.96·√((4/7)(3/7) / 7)·100 = 36.66
      expected: {
        survey: 'csat',
        n: 7,
        score: 57.1,
        lowSample: true,
        satisfied: 4,
        mean: 3.43,
        marginOfError: 36.7,
      },
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
        // 33 / 8 = 4.125 exactly, up to 4.13; sd² = (8·165 − 33²) / (8·7) = 4.125, 1.96·√(4.125 / 8) = 1.407
        mean: 4.13,
        marginOfError: 1.41,
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
    {
      name: 'rounds an NPS margin of exactly 1.75 up to 1.8 (2 promoters, 2 detractors, 220 passives)',
      survey: 'nps',
      // 1.96·√((4/224) / 224)·100 = 1.96·100 / 112
      scores: [...repeat(10, 2), ...repeat(0, 2), ...repeat(7, 220)],
      expected: { score: 0, marginOfError: 1.8 },
    },
    {
      name: 'gives a CSAT margin of 9.8 points when half of 100 are satisfied',
      survey: 'csat',
      // 1.96·√(0.5·0.5 / 100)·100 = 1.96·0.05·100
      scores: [...repeat(4, 50), ...repeat(2, 50)],
      expected: { n: 100, score: 50, marginOfError: 9.8 },
    },
    {
      name: 'gives a CSAT margin of 49 points for 2 satisfied of 4',
      survey: 'csat',
      // 1.96·√(0.25 / 4)·100 = 1.96·0.25·100
      scores: [5, 4, 3, 1],
      expected: { score: 50, marginOfError: 49 },
    },
    {
      name: 'gives a CSAT margin of 0 when everyone is satisfied',
      survey: 'csat',
      scores: [5, 4, 5],
      expected: { score: 100, marginOfError: 0 },
    },
    {
      name: 'gives a CSAT margin of 0 when no one is satisfied',
      survey: 'csat',
      scores: [1, 3],
      expected: { score: 0, marginOfError: 0 },
    },
    {
      name: 'gives CES no margin on one answer',
      survey: 'ces',
      scores: [6],
      expected: { n: 1, score: 6, mean: 6, marginOfError: null },
    },
    {
      name: 'gives a CES margin of 5.88 for a 1 and a 7',
      survey: 'ces',
      // sd = √(((1 − 4)² + (7 − 4)²) / 1) = √18; 1.96·√18 / √2 = 1.96·3
      scores: [1, 7],
      expected: { n: 2, score: 4, mean: 4, marginOfError: 5.88 },
    },
    {
      name: 'gives a CES margin of 0 for two equal answers',
      survey: 'ces',
      scores: [5, 5],
      expected: { n: 2, score: 5, mean: 5, marginOfError: 0 },
    },
    {
      name: 'gives a CES margin of 0.98 for a 3 and a 4, with the mean to two decimals and the score to one',
      survey: 'ces',
      // sd = √0.5; 1.96·√0.5 / √2 = 0.98
      scores: [3, 4],
      expected: { score: 3.5, mean: 3.5, marginOfError: 0.98 },
    },
    {
      name: 'gives CES a two-decimal mean beside its one-decimal score (2, 2, 3: 2.33 and 2.3)',
      survey: 'ces',
      // sd² = (1/9 + 1/9 + 4/9) / 2 = 1/3; 1.96·√(1/3 / 3) = 1.96 / 3 = 0.6533
      scores: [2, 2, 3],
      expected: { score: 2.3, mean: 2.33, marginOfError: 0.65 },
    },
    {
      name: 'rounds a CES margin of exactly 0.245 up to 0.25 (7 ones and a two)',
      survey: 'ces',
      // mean 1.125; sd² = (7·0.125² + 0.875²) / 7 = 0.125; 1.96·√(0.125 / 8) = 1.96 / 8
      scores: [...repeat(1, 7), 2],
      expected: { mean: 1.13, marginOfError: 0.25 },
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
    [
      'csat',
      { survey: 'csat', n: 0, score: null, lowSample: true, satisfied: 0, mean: null, marginOfError: null },
    ],
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
        mean: null,
        marginOfError: null,
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

describe('estimateOf', () => {
  it.each<{ name: string; survey: Survey; scores: number[]; score: number | null; margin: number | null }>([
    {
      name: 'NPS in points, before rounding',
      survey: 'nps',
      scores: [10, 10, 3],
      score: 100 / 3,
      // 1.96·√((2/3 + 1/3 − (1/3)²) / 3)·100
      margin: 1.96 * Math.sqrt((1 - 1 / 9) / 3) * 100,
    },
    {
      name: 'CSAT in points, before rounding',
      survey: 'csat',
      scores: [5, 4, 1],
      score: 200 / 3,
      margin: 1.96 * Math.sqrt(((2 / 3) * (1 / 3)) / 3) * 100,
    },
    {
      name: 'CES as the mean, before rounding',
      survey: 'ces',
      scores: [2, 2, 3],
      score: 7 / 3,
      margin: 1.96 / 3,
    },
    { name: 'CES with no margin on one answer', survey: 'ces', scores: [4], score: 4, margin: null },
    { name: 'nothing with no answers', survey: 'nps', scores: [], score: null, margin: null },
  ])('gives $name', ({ survey, scores, score, margin }) => {
    // Act
    const estimate = estimateOf(survey, histogramOf(survey, scores));

    // Assess
    expect(estimate.n).toBe(scores.length);
    if (score === null) expect(estimate.score).toBeNull();
    else expect(estimate.score).toBeCloseTo(score, 12);
    if (margin === null) expect(estimate.marginOfError).toBeNull();
    else expect(estimate.marginOfError).toBeCloseTo(margin, 12);
  });

  it('is what the figures round', () => {
    fc.assert(
      fc.property(surveyAndScoresArb, ([survey, scores]) => {
        // Act
        const estimate = estimateOf(survey, histogramOf(survey, scores));
        const figures = computeFigures(survey, histogramOf(survey, scores));

        // Assess
        const [scoreStep, marginStep] = survey === 'ces' ? [0.05, 0.005] : [0.05, 0.05];
        expect(estimate.n).toBe(figures.n);
        expect(estimate.score === null).toBe(figures.score === null);
        expect(estimate.marginOfError === null).toBe(figures.marginOfError === null);
        expect(Math.abs((estimate.score ?? 0) - (figures.score ?? 0))).toBeLessThanOrEqual(scoreStep + 1e-9);
        expect(Math.abs((estimate.marginOfError ?? 0) - (figures.marginOfError ?? 0))).toBeLessThanOrEqual(
          marginStep + 1e-9,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('roundFraction and roundSquareRoot', () => {
  it.each([
    [25n, 4n, 1, 6.3],
    [-25n, 4n, 1, -6.3],
    [1n, 3n, 2, 0.33],
    [-1n, 30n, 1, 0],
    [41n, 40n, 2, 1.03],
  ])('rounds %i / %i to %i decimals as %d', (numerator, denominator, decimals, expected) => {
    // Act
    const rounded = roundFraction({ numerator, denominator }, decimals);

    // Assess
    expect(rounded).toBe(expected);
  });

  it('never answers -0 for a fraction', () => {
    // Act
    const rounded = roundFraction({ numerator: -1n, denominator: 1000n }, 1);

    // Assess
    expect(Object.is(rounded, 0)).toBe(true);
  });

  it.each([
    [9n, 4n, 1, 1.5],
    [2n, 1n, 2, 1.41],
    [0n, 7n, 1, 0],
    // √(0.060025) = 0.245 exactly, a half that floating point holds as 0.24499…
    [60_025n, 1_000_000n, 2, 0.25],
    [1n, 400n, 1, 0.1],
    [1n, 401n, 1, 0],
  ])(
    'rounds the square root of %i / %i to %i decimals as %d',
    (numerator, denominator, decimals, expected) => {
      // Act
      const rounded = roundSquareRoot({ numerator, denominator }, decimals);

      // Assess
      expect(rounded).toBe(expected);
    },
  );
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
