import vader from 'vader-sentiment';
import { scoreEmoji } from './emoji.js';
import { ENGLISH_BOOSTERS, ENGLISH_NEGATIONS, ENGLISH_PHRASES } from './english-phrases.js';
import { fromCompound, type Segment } from './valence.js';

/** VADER's factor for a negated word. */
const NEGATED = -0.74;

/** Words that open a clause turning against the one before it, as VADER's "but". */
const CONTRAST =
  /\b(?:but|however|although|though|except|whereas|nevertheless|unfortunately|sadly|only thing|only problem|only issue|other than that|apart from that|that said|having said that)\b/g;

const CONTRAST_WORD = new RegExp(`^(?:${CONTRAST.source})$`);
/** Whether an English word opens a clause turning against the one before ("but", "however"). */
export const isContrastWord = (word: string): boolean => CONTRAST_WORD.test(word);

/** A clause that only thanks or greets: it says nothing of the experience. */
const COURTESY =
  /^(?:(?:hi|hello|hey)\s+)?(?:thanks?(?: you)?(?: (?:so|very) much)?(?: (?:anyway|again|for (?:your|the) (?:help|time|call|reply)))?|thx|ty|cheers|many thanks|much appreciated|(?:kind )?regards)$/;

/** Whether English text only thanks or greets ("Thanks!", "thank you so much for your help"). */
export const isEnglishCourtesy = (text: string): boolean =>
  COURTESY.test(
    text
      .toLowerCase()
      .replace(/[^a-z' ]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );

/** Whether an English word negates what follows it (not, never, hardly, didn't, dont). */
export const isNegation = (word: string): boolean =>
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

/** Someone else's words in quotes ("the 'next day' delivery"): what was promised, not what the customer says. */
const QUOTED =
  /(?<![a-z0-9])['"\u201c\u2018]([^'"\u201c\u201d\u2018\u2019\n]{1,40})['"\u201d\u2019](?![a-z0-9])/g;

/**
 * Something that did not happen, said with no word of feeling ("they didn't send the part", "it never
 * came"): a complaint however plainly put, unless it only says what the customer has not done yet or
 * did not need to do.
 */
const NEGATED_EVENT =
  /\b(?:didn't|did not|doesn't|does not|hasn't|has not|haven't|have not|hadn't|wasn't|was not|weren't|were not|won't|will not|wouldn't|would not|couldn't|could not|can't|cannot|never)\s+(?:(?:even|actually|ever|been|yet|really)\s+)*(?!(?:have to|had to|need|mind|know|think|expect|matter|remember|care|hesitate|wait|believe|be|seem|sure|want|worry|hurt|regret|fault|complain|disappoint)\b)[a-z]+/;
/** What the customer has not done yet ("I haven't tried it yet"): no complaint. */
const NOT_YET_MINE =
  /(?:\b(?:i|we)(?:'ve| have|'d| had)?\s+|^\s*)(?:not|never|haven't|hadn't|didn't|have not|had not|did not)\s+(?:yet\s+|even\s+)?(?:tried|used|opened|tested|needed|decided|read|checked|looked|started|installed|worn|unpacked|received|had (?:a|the) chance|got round)\b/;
const NEGATED_EVENT_VALENCE = -1.3;
/** Below this, VADER's reading of a clause is no word of feeling, and a negated event in it decides. */
const FEELING = 1;

/** A promise reported: the good words after it were promised, not had ("it was meant to be ready Friday"). */
const PROMISED =
  /\b(?:promised|supposed to|meant to|was told|were told|told (?:me|us)|said (?:that )?(?:they|he|she|someone|it|you)(?: would|'d| will)|assured (?:me|us)|(?:someone|they|he|she) (?:would|will|'d|'ll) (?:get back|call|ring|phone|email|contact|be in touch|come))\b/;
const PROMISED_PRAISE = 0.3;
/** A promise kept ("called back when they said they would") is praise of its own. */
const KEPT =
  /\b(?:(?:when|as) (?:they|he|she|you|it|we|i) (?:said|promised|were told|was told)|as promised|when promised|as agreed|on the (?:day|date|time) (?:promised|agreed))\b/;

/**
 * One clause's score on VADER's summed scale: the support phrases first (their words hidden from VADER),
 * the emoji, then VADER on the rest. VADER reads the text in lower case: its JavaScript port looks for a
 * negation in its own lower-case list, so "Not good" would otherwise read as "good".
 */
const scoreClause = (clause: string): number => {
  const emoji = scoreEmoji(clause);
  const lower = emoji.rest.toLowerCase().replace(QUOTED, (quoted) => ' '.repeat(quoted.length));
  let text = lower;
  let score = emoji.score;
  const praise = PROMISED.test(lower) && !KEPT.test(lower) ? PROMISED_PRAISE : 1;
  const add = (value: number) => {
    score += value > 0 ? value * praise : value;
  };
  for (const { pattern, valence, negatable } of ENGLISH_PHRASES) {
    text = text.replace(pattern, (match: string, ...rest: unknown[]) => {
      const offset = rest.find((value) => typeof value === 'number') ?? 0;
      // The words before as written: a negation read as part of another phrase still turns this one.
      add(inContext(valence, negatable === true, lower.slice(0, offset)));
      return ' '.repeat(match.length);
    });
  }
  if (/[a-z]/.test(text)) add(fromCompound(vader.SentimentIntensityAnalyzer.polarity_scores(text).compound));
  if (
    score > NEGATED_EVENT_VALENCE &&
    score < FEELING &&
    NEGATED_EVENT.test(lower) &&
    !NOT_YET_MINE.test(lower)
  )
    score = Math.min(score, 0) + NEGATED_EVENT_VALENCE;
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
        courtesy: isEnglishCourtesy(text),
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
