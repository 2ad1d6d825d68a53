import { DEFAULT_MIN_SAMPLE } from '../settings/metrics.js';
import { type Category, categorize, SCALES, type Survey } from '../surveys/scales.js';

/**
 * Counts per score, index 0 being the lowest score of the survey's scale. The only thing stored per
 * bucket: every reported figure is derived from it, so categories can never disagree with scores.
 */
export { DEFAULT_MIN_SAMPLE };

export type Histogram = number[];

export const emptyHistogram = (survey: Survey): Histogram =>
  new Array<number>(SCALES[survey].max - SCALES[survey].min + 1).fill(0);

export const histogramOf = (survey: Survey, scores: Iterable<number>): Histogram => {
  const histogram = emptyHistogram(survey);
  for (const score of scores) {
    const index = score - SCALES[survey].min;
    histogram[index] = (histogram[index] ?? 0) + 1;
  }
  return histogram;
};

export const addHistograms = (a: Histogram, b: Histogram): Histogram =>
  a.map((count, i) => count + (b[i] ?? 0));

export interface NpsFigures {
  survey: 'nps';
  n: number;
  score: number | null;
  lowSample: boolean;
  promoters: number;
  passives: number;
  detractors: number;
  marginOfError: number | null;
}

export interface CsatFigures {
  survey: 'csat';
  n: number;
  score: number | null;
  lowSample: boolean;
  satisfied: number;
  mean: number | null;
  marginOfError: number | null;
}

export interface CesFigures {
  survey: 'ces';
  n: number;
  score: number | null;
  lowSample: boolean;
  easy: number;
  neutral: number;
  difficult: number;
  percentEasy: number | null;
  netEasy: number | null;
  mean: number | null;
  marginOfError: number | null;
}

export type Figures = NpsFigures | CsatFigures | CesFigures;

/** Rounds half away from zero, and never answers -0. */
export const roundTo = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON)) / factor;
  return rounded === 0 ? 0 : rounded;
};

/**
 * `numerator / denominator` rounded half away from zero to `decimals`, computed on integers so that
 * exact halves such as 6.25 round as a hand count would (floating point holds 6.25·10 as 62.4999…).
 */
export const roundRatio = (numerator: number, denominator: number, decimals: number): number => {
  const scaled = Math.abs(numerator) * 10 ** decimals;
  const rounded = Math.floor((2 * scaled + denominator) / (2 * denominator));
  const value = (Math.sign(numerator) * rounded) / 10 ** decimals;
  return value === 0 ? 0 : value;
};

/** A ratio of integers held exactly, its denominator positive. */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

const fraction = (numerator: number | bigint, denominator: number | bigint): Fraction => ({
  numerator: BigInt(numerator),
  denominator: BigInt(denominator),
});

const abs = (value: bigint): bigint => (value < 0n ? -value : value);

/** The largest integer whose square is at most `value` (non-negative). */
const floorSqrt = (value: bigint): bigint => {
  let root = BigInt(Math.floor(Math.sqrt(Number(value))));
  while (root * root > value) root -= 1n;
  while ((root + 1n) * (root + 1n) <= value) root += 1n;
  return root;
};

const withDecimals = (scaled: bigint, negative: boolean, decimals: number): number => {
  const value = (negative ? -Number(scaled) : Number(scaled)) / 10 ** decimals;
  return value === 0 ? 0 : value;
};

/** A fraction rounded half away from zero to `decimals`, in integers: the same rule as `roundRatio`, at any size. */
export const roundFraction = ({ numerator, denominator }: Fraction, decimals: number): number => {
  const scaled = abs(numerator) * 10n ** BigInt(decimals);
  return withDecimals((2n * scaled + denominator) / (2n * denominator), numerator < 0n, decimals);
};

/**
 * The square root of a non-negative fraction rounded half up to `decimals`, in integers. A margin of
 * error is mostly irrational, but not always (7 ones and a two on CES give exactly 0.245), and floating
 * point may hold such a half just below itself; the rounded k is the largest with (k − ½)² ≤ the square.
 */
export const roundSquareRoot = ({ numerator, denominator }: Fraction, decimals: number): number => {
  const fourSquares = (4n * numerator * 10n ** BigInt(2 * decimals)) / denominator;
  return withDecimals((floorSqrt(fourSquares) + 1n) / 2n, false, decimals);
};

/** Answers of one category: the bands are the survey scale's own (see categorize), never written here. */
const countOf = (survey: Survey, histogram: Histogram, category: Category): number =>
  histogram.reduce(
    (sum, count, i) => (categorize(survey, SCALES[survey].min + i) === category ? sum + count : sum),
    0,
  );

const sumOf = (survey: Survey, histogram: Histogram): number =>
  histogram.reduce((sum, count, i) => sum + count * (SCALES[survey].min + i), 0);

const sumOfSquaresOf = (survey: Survey, histogram: Histogram): number =>
  histogram.reduce((sum, count, i) => sum + count * (SCALES[survey].min + i) ** 2, 0);

/** 1.96², the square of the 95% normal quantile, as 38416 / 10000. */
const Z_95_SQUARED = 38_416n;
const Z_95_SQUARED_SCALE = 10_000n;

/**
 * A histogram's score and 95% margin of error before any rounding: what the reported figures round
 * and what a comparison between two windows computes on, so that the two never disagree.
 */
export interface Estimate {
  /** Answers counted. */
  n: number;
  /** The score before rounding; null with no answers. */
  score: number | null;
  /** The 95% margin of error before rounding, in the score's units; null where it is not defined. */
  marginOfError: number | null;
  /**
   * The same two exactly, for rounding and comparing as a hand count would: the score as a fraction,
   * the margin as the fraction it is the square root of. Null with no answers; `marginOfErrorSquared`
   * is null where there is no margin.
   */
  exact: { score: Fraction; marginOfErrorSquared: Fraction | null } | null;
}

const estimateFrom = (n: number, score: Fraction, marginOfErrorSquared: Fraction | null): Estimate => ({
  n,
  score: Number(score.numerator) / Number(score.denominator),
  marginOfError: marginOfErrorSquared
    ? Math.sqrt(Number(marginOfErrorSquared.numerator) / Number(marginOfErrorSquared.denominator))
    : null,
  exact: { score, marginOfErrorSquared },
});

/**
 * The unrounded estimate of a histogram of answered responses, with its 95% margin of error:
 *
 * - NPS: (promoters − detractors)·100 / n in points, margin 1.96·√((p + d − (p − d)²) / n)·100 where p
 *   and d are the promoter and detractor shares.
 * - CSAT: satisfied·100 / n in points, margin 1.96·√(s(1 − s) / n)·100 where s is the satisfied share.
 * - CES: the mean score, margin 1.96·sd / √n in score units, where sd is the sample standard deviation
 *   of the scores (n − 1 in its denominator); no margin below 2 answers, where sd is not defined.
 *
 * With no answers, score and margin are null.
 */
export const estimateOf = (survey: Survey, histogram: Histogram): Estimate => {
  const n = histogram.reduce((sum, count) => sum + count, 0);
  if (n === 0) return { n, score: null, marginOfError: null, exact: null };
  const cubed = BigInt(n) ** 3n;
  switch (survey) {
    case 'nps': {
      const promoters = countOf(survey, histogram, 'promoter');
      const detractors = countOf(survey, histogram, 'detractor');
      // p + d − (p − d)² over n is ((P + D)·n − (P − D)²) / n³ in counts.
      const spread = BigInt(promoters + detractors) * BigInt(n) - BigInt(promoters - detractors) ** 2n;
      return estimateFrom(n, fraction((promoters - detractors) * 100, n), {
        numerator: Z_95_SQUARED * spread,
        denominator: cubed,
      });
    }
    case 'csat': {
      const satisfied = countOf(survey, histogram, 'satisfied');
      // s(1 − s) / n is S·(n − S) / n³ in counts.
      return estimateFrom(n, fraction(satisfied * 100, n), {
        numerator: Z_95_SQUARED * BigInt(satisfied) * BigInt(n - satisfied),
        denominator: cubed,
      });
    }
    case 'ces': {
      const sum = sumOf(survey, histogram);
      if (n < 2) return estimateFrom(n, fraction(sum, n), null);
      // sd² / n is (n·Σx² − (Σx)²) / (n²·(n − 1)): integers, so no cancellation when the spread is small.
      const spread = BigInt(n) * BigInt(sumOfSquaresOf(survey, histogram)) - BigInt(sum) ** 2n;
      return estimateFrom(n, fraction(sum, n), {
        numerator: Z_95_SQUARED * spread,
        denominator: Z_95_SQUARED_SCALE * BigInt(n) ** 2n * BigInt(n - 1),
      });
    }
  }
};

/** A margin of error rounded to `decimals` from its exact square, or null where there is none. */
const roundMargin = (estimate: Estimate, decimals: number): number | null => {
  const squared = estimate.exact?.marginOfErrorSquared;
  return squared ? roundSquareRoot(squared, decimals) : null;
};

/** A score rounded to `decimals` from its exact fraction, or null with no answers. */
const roundScore = (estimate: Estimate, decimals: number): number | null =>
  estimate.exact ? roundFraction(estimate.exact.score, decimals) : null;

/**
 * The figures of one survey over a histogram of answered responses (the denominator), rounded from
 * its `estimateOf`:
 *
 * - NPS: % promoters (9-10) − % detractors (0-6), with its 95% margin of error.
 * - CSAT: % of answers that are 4 or 5, with its 95% margin of error, and the mean.
 * - CES: the mean on 1-7 as the score, % easy (5-7), net easy = % easy − % difficult (1-3), the mean
 *   again as `mean`, and its 95% margin of error (null below 2 answers).
 *
 * Scores, percentages and the NPS and CSAT margins have one decimal; CSAT's mean, CES's mean and CES's
 * margin two. Decision: CES keeps the mean in `score` at one decimal, because the older fixed
 * `GET /metrics` contract says every score has one, and carries the mean at two decimals in `mean`
 * (as CSAT does), which is what "CES's mean and margin two" asks for; neither contract changes the
 * other. With no answers every score, mean and margin is null. Exact halves round away from zero,
 * as a hand count would.
 */
export const computeFigures = (
  survey: Survey,
  histogram: Histogram,
  minSample: number = DEFAULT_MIN_SAMPLE,
): Figures => {
  const estimate = estimateOf(survey, histogram);
  const { n } = estimate;
  const lowSample = n < minSample;
  switch (survey) {
    case 'nps':
      return {
        survey,
        n,
        score: roundScore(estimate, 1),
        lowSample,
        promoters: countOf(survey, histogram, 'promoter'),
        passives: countOf(survey, histogram, 'passive'),
        detractors: countOf(survey, histogram, 'detractor'),
        marginOfError: roundMargin(estimate, 1),
      };
    case 'csat':
      return {
        survey,
        n,
        score: roundScore(estimate, 1),
        lowSample,
        satisfied: countOf(survey, histogram, 'satisfied'),
        mean: n === 0 ? null : roundRatio(sumOf(survey, histogram), n, 2),
        marginOfError: roundMargin(estimate, 1),
      };
    case 'ces': {
      const easy = countOf(survey, histogram, 'easy');
      const difficult = countOf(survey, histogram, 'difficult');
      return {
        survey,
        n,
        score: roundScore(estimate, 1),
        lowSample,
        easy,
        neutral: countOf(survey, histogram, 'neutral'),
        difficult,
        percentEasy: n === 0 ? null : roundRatio(easy * 100, n, 1),
        netEasy: n === 0 ? null : roundRatio((easy - difficult) * 100, n, 1),
        mean: roundScore(estimate, 2),
        marginOfError: roundMargin(estimate, 2),
      };
    }
  }
};
