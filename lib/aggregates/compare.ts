import type { Survey } from '../surveys/scales.js';
import type { Day } from '../surveys/window.js';
import {
  addHistograms,
  computeFigures,
  type Estimate,
  emptyHistogram,
  estimateOf,
  type Fraction,
  type Histogram,
  roundFraction,
} from './formulas.js';

/** The previous window's figures, rounded as the current ones are. */
export interface PreviousFigures {
  from: Day;
  to: Day;
  n: number;
  score: number | null;
  marginOfError: number | null;
  lowSample: boolean;
}

/** How far the score moved since the previous window, and whether that is more than sampling noise. */
export interface Change {
  score: number;
  significant: boolean;
}

export interface Comparison {
  previous: PreviousFigures;
  /** Null when either window has no answers. */
  change: Change | null;
}

/** The sum of the histograms of the given days that fall between `from` and `to`, both included. */
export const histogramBetween = (
  survey: Survey,
  days: readonly { day: Day; histogram: Histogram }[],
  { from, to }: { from: Day; to: Day },
): Histogram =>
  days.reduce(
    (sum, { day, histogram }) => (day >= from && day <= to ? addHistograms(sum, histogram) : sum),
    emptyHistogram(survey),
  );

const subtract = (a: Fraction, b: Fraction): Fraction => ({
  numerator: a.numerator * b.denominator - b.numerator * a.denominator,
  denominator: a.denominator * b.denominator,
});

/** |change| > √(a² + b²), squared on both sides so that it holds exactly. */
const exceeds = (change: Fraction, a: Fraction, b: Fraction): boolean =>
  change.numerator ** 2n * a.denominator * b.denominator >
  (a.numerator * b.denominator + b.numerator * a.denominator) * change.denominator ** 2n;

const changeBetween = (now: Estimate, before: Estimate): Change | null => {
  if (!now.exact || !before.exact) return null;
  const change = subtract(now.exact.score, before.exact.score);
  const marginNow = now.exact.marginOfErrorSquared;
  const marginBefore = before.exact.marginOfErrorSquared;
  const significant =
    now.n >= 2 &&
    before.n >= 2 &&
    marginNow !== null &&
    marginBefore !== null &&
    exceeds(change, marginNow, marginBefore);
  return { score: roundFraction(change, 1), significant };
};

/**
 * The comparison of a window with the previous one (see `previousWindowOf`), from the histograms of
 * both, as `GET /metrics?compare=previous` answers it and a breakdown can per segment:
 *
 * - `previous`: the previous window's days, n, score, margin of error and low-sample flag, rounded as
 *   `computeFigures` rounds them;
 * - `change`: null when either window has no answers; else `score`, current − previous on the unrounded
 *   scores, then rounded to one decimal, and `significant`, true when both windows have at least 2
 *   answers and |change| > √(margin now² + margin before²), all before rounding.
 *
 * Both sides are read from `estimateOf`, the numbers the figures are rounded from, and compared exactly
 * (as fractions), so a change never disagrees with the figures shown beside it.
 */
export const compareWithPrevious = (
  survey: Survey,
  current: Histogram,
  previous: Histogram,
  previousDays: { from: Day; to: Day },
  minSample: number,
): Comparison => {
  const { n, score, marginOfError, lowSample } = computeFigures(survey, previous, minSample);
  return {
    previous: { from: previousDays.from, to: previousDays.to, n, score, marginOfError, lowSample },
    change: changeBetween(estimateOf(survey, current), estimateOf(survey, previous)),
  };
};
