/**
 * VADER's scale, which both languages' analyses share: each sentiment word or phrase has a valence
 * from -4 to 4, a clause's score is their sum, and the compound score is that sum normalised into
 * (-1, 1) as VADER normalises it.
 */

/** VADER's normalising constant: the sum it expects at most. */
const ALPHA = 15;

/** A clause of a comment, as an analyser read it. */
export interface Segment {
  /** The sum of the clause's valences. */
  score: number;
  /** The clause opens with a contrast ("but", "但是"): it turns against what came before. */
  contrast: boolean;
  /** The clause only thanks or greets ("thanks", "谢谢"): it is no side of a mixed comment. */
  courtesy: boolean;
}

/** VADER's compound score of a sum of valences. */
export const toCompound = (score: number): number => score / Math.sqrt(score * score + ALPHA);

/** The sum of valences behind a VADER compound score. */
export const fromCompound = (compound: number): number => {
  const bounded = Math.max(-0.9999, Math.min(0.9999, compound));
  return bounded * Math.sqrt(ALPHA / (1 - bounded * bounded));
};
