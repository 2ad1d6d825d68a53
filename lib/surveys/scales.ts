import * as z from 'zod';

/** The three surveys Pulse runs; a survey never mixes scales. */
export const SurveySchema = z.enum(['nps', 'csat', 'ces']);
export type Survey = z.infer<typeof SurveySchema>;
export const SURVEYS = SurveySchema.options;

/** The inclusive score range of each survey. */
export const SCALES = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
} as const satisfies Record<Survey, { min: number; max: number }>;

export type NpsCategory = 'promoter' | 'passive' | 'detractor';
export type CsatCategory = 'satisfied' | 'neutral' | 'unsatisfied';
export type CesCategory = 'easy' | 'neutral' | 'difficult';
export type Category = NpsCategory | CsatCategory | CesCategory;

/** Every score of a survey's scale, lowest first. */
export const scoresOf = (survey: Survey): number[] => {
  const { min, max } = SCALES[survey];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
};

export const isOnScale = (survey: Survey, score: number): boolean =>
  Number.isInteger(score) && score >= SCALES[survey].min && score <= SCALES[survey].max;

/** A zod schema for a score on the given survey's scale. */
export const scoreSchema = (survey: Survey) =>
  z
    .number()
    .int()
    .min(SCALES[survey].min, `must be ${SCALES[survey].min} to ${SCALES[survey].max}`)
    .max(SCALES[survey].max, `must be ${SCALES[survey].min} to ${SCALES[survey].max}`);

/**
 * The category of a raw score. Always derived, never stored: NPS 9-10 promoter, 7-8 passive, 0-6
 * detractor; CSAT 4-5 satisfied, 3 neutral, 1-2 unsatisfied; CES 5-7 easy, 4 neutral, 1-3 difficult.
 */
export const categorize = (survey: Survey, score: number): Category => {
  if (!isOnScale(survey, score)) throw new RangeError(`score ${score} is not on the ${survey} scale`);
  switch (survey) {
    case 'nps':
      return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
    case 'csat':
      return score >= 4 ? 'satisfied' : score === 3 ? 'neutral' : 'unsatisfied';
    case 'ces':
      return score >= 5 ? 'easy' : score === 4 ? 'neutral' : 'difficult';
  }
};

/** A survey's categories, from its lowest scores' to its highest's (detractor, passive, promoter for NPS). */
export const categoriesOf = (survey: Survey): Category[] => [
  ...new Set(scoresOf(survey).map((score) => categorize(survey, score))),
];

/** The highest score that still counts as unhappy (alert-worthy), per survey. */
export type UnhappyThresholds = Record<Survey, number>;

/** DESIGN.md's defaults: NPS 0-6, CSAT 1-2, CES 1-3. */
export const DEFAULT_UNHAPPY_AT_OR_BELOW: UnhappyThresholds = { nps: 6, csat: 2, ces: 3 };

export const isUnhappy = (
  survey: Survey,
  score: number,
  thresholds: UnhappyThresholds = DEFAULT_UNHAPPY_AT_OR_BELOW,
): boolean => isOnScale(survey, score) && score <= thresholds[survey];

/**
 * How urgent an unhappy answer is: the lower half of the unhappy range is `high`, the rest `medium`
 * (NPS 0-3 high, 4-6 medium; CSAT 1 high, 2 medium; CES 1-2 high, 3 medium); a happy answer is `low`.
 */
export const severityOf = (
  survey: Survey,
  score: number,
  thresholds: UnhappyThresholds = DEFAULT_UNHAPPY_AT_OR_BELOW,
): 'high' | 'medium' | 'low' => {
  if (!isUnhappy(survey, score, thresholds)) return 'low';
  const { min } = SCALES[survey];
  return score <= min + Math.floor((thresholds[survey] - min) / 2) ? 'high' : 'medium';
};
