import { DEFAULT_MIN_SAMPLE } from '../settings.js';
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

/** Answers of one category: the bands are the survey scale's own (see categorize), never written here. */
const countOf = (survey: Survey, histogram: Histogram, category: Category): number =>
  histogram.reduce(
    (sum, count, i) => (categorize(survey, SCALES[survey].min + i) === category ? sum + count : sum),
    0,
  );

const sumOf = (survey: Survey, histogram: Histogram): number =>
  histogram.reduce((sum, count, i) => sum + count * (SCALES[survey].min + i), 0);

/**
 * The figures of one survey over a histogram of answered responses (the denominator).
 *
 * - NPS: % promoters (9-10) − % detractors (0-6), with the 95% margin of error
 *   1.96·√((p + d − (p − d)²) / n)·100 where p and d are the promoter and detractor shares.
 * - CSAT: % of answers that are 4 or 5, and the mean.
 * - CES: the mean on 1-7, % easy (5-7) and net easy = % easy − % difficult (1-3).
 *
 * Scores and percentages are rounded to one decimal, CSAT's mean to two; with no answers they are null.
 */
export const computeFigures = (
  survey: Survey,
  histogram: Histogram,
  minSample: number = DEFAULT_MIN_SAMPLE,
): Figures => {
  const n = histogram.reduce((sum, count) => sum + count, 0);
  const lowSample = n < minSample;
  switch (survey) {
    case 'nps': {
      const promoters = countOf(survey, histogram, 'promoter');
      const passives = countOf(survey, histogram, 'passive');
      const detractors = countOf(survey, histogram, 'detractor');
      if (n === 0) {
        return { survey, n, score: null, lowSample, promoters, passives, detractors, marginOfError: null };
      }
      const p = promoters / n;
      const d = detractors / n;
      const variance = Math.max(0, p + d - (p - d) ** 2);
      return {
        survey,
        n,
        score: roundRatio((promoters - detractors) * 100, n, 1),
        lowSample,
        promoters,
        passives,
        detractors,
        marginOfError: roundTo(1.96 * Math.sqrt(variance / n) * 100, 1),
      };
    }
    case 'csat': {
      const satisfied = countOf(survey, histogram, 'satisfied');
      if (n === 0) return { survey, n, score: null, lowSample, satisfied, mean: null };
      return {
        survey,
        n,
        score: roundRatio(satisfied * 100, n, 1),
        lowSample,
        satisfied,
        mean: roundRatio(sumOf(survey, histogram), n, 2),
      };
    }
    case 'ces': {
      const easy = countOf(survey, histogram, 'easy');
      const neutral = countOf(survey, histogram, 'neutral');
      const difficult = countOf(survey, histogram, 'difficult');
      if (n === 0) {
        return {
          survey,
          n,
          score: null,
          lowSample,
          easy,
          neutral,
          difficult,
          percentEasy: null,
          netEasy: null,
        };
      }
      return {
        survey,
        n,
        score: roundRatio(sumOf(survey, histogram), n, 1),
        lowSample,
        easy,
        neutral,
        difficult,
        percentEasy: roundRatio(easy * 100, n, 1),
        netEasy: roundRatio((easy - difficult) * 100, n, 1),
      };
    }
  }
};
