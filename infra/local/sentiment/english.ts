import vader from 'vader-sentiment';
import { scoreEmoji } from './emoji.js';
import { ENGLISH_BOOSTERS, ENGLISH_NEGATIONS, ENGLISH_PHRASES } from './english-phrases.js';
import { fromCompound, type Segment } from './valence.js';

/** VADER's factor for a negated word. */
const NEGATED = -0.74;

/** Words that open a clause turning against the one before it, as VADER's "but". */
const CONTRAST =
  /\b(?:but|however|although|though|except|whereas|nevertheless|unfortunately|sadly|only thing|only problem|only issue|other than that|apart from that|that said|having said that)\b/g;

/** A clause that only thanks or greets: it says nothing of the experience. */
const COURTESY =
  /^(?:(?:hi|hello|hey)\s+)?(?:thanks?(?: you)?(?: (?:so|very) much)?(?: (?:anyway|again|for (?:your|the) (?:help|time|call|reply)))?|thx|ty|cheers|many thanks|much appreciated|(?:kind )?regards)$/;

const isNegation = (word: string) =>
  ENGLISH_NEGATIONS.has(word) ||
  word.endsWith("n't") ||
  /^(?:is|was|are|were|do|does|did|has|have|had|wo|would|could|should|ca|must|need)nt$/.test(word);

/** The valence of a phrase after what comes before it: a booster just before, a negation among the three words before. */
const inContext = (valence: number, negatable: boolean, before: string): number => {
  const words = before
    .split(/[^a-z']+/)
    .filter(Boolean)
    .slice(-3);
  let adjusted = valence;
  const booster = ENGLISH_BOOSTERS.get(words.at(-1) ?? '');
  if (booster) adjusted += valence > 0 ? booster : -booster;
  if (negatable && words.some(isNegation)) adjusted *= NEGATED;
  return adjusted;
};

/**
 * One clause's score on VADER's summed scale: the support phrases first (their words hidden from VADER),
 * the emoji, then VADER on the rest. VADER reads the text in lower case: its JavaScript port looks for a
 * negation in its own lower-case list, so "Not good" would otherwise read as "good".
 */
const scoreClause = (clause: string): number => {
  const emoji = scoreEmoji(clause);
  const lower = emoji.rest.toLowerCase();
  let text = lower;
  let score = emoji.score;
  for (const { pattern, valence, negatable } of ENGLISH_PHRASES) {
    text = text.replace(pattern, (match: string, ...rest: unknown[]) => {
      const offset = rest.find((value) => typeof value === 'number') ?? 0;
      // The words before as written: a negation read as part of another phrase still turns this one.
      score += inContext(valence, negatable === true, lower.slice(0, offset));
      return ' '.repeat(match.length);
    });
  }
  if (/[a-z]/.test(text))
    score += fromCompound(vader.SentimentIntensityAnalyzer.polarity_scores(text).compound);
  return score;
};

/**
 * The clauses of a run of English (or of anything not written in CJK characters: VADER finds nothing in
 * it and the analysis says neutral), split before each contrast word.
 */
export const englishSegments = (run: string): Segment[] => {
  const segments: Segment[] = [];
  let start = 0;
  let contrast = false;
  const lower = run.toLowerCase();
  const push = (end: number, next: boolean) => {
    const text = run.slice(start, end);
    if (text.trim() || contrast) {
      segments.push({
        score: scoreClause(text),
        contrast,
        courtesy: COURTESY.test(
          text
            .toLowerCase()
            .replace(/[^a-z' ]+/g, ' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
      });
    }
    contrast = next;
  };
  for (const match of lower.matchAll(CONTRAST)) {
    push(match.index, true);
    start = match.index + match[0].length;
  }
  push(run.length, false);
  return segments;
};
