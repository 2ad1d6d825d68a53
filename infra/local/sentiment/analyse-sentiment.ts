import { readFileSync } from 'node:fs';
import { SENTIMENTS, type Sentiment } from '../../../lib/surveys/sentiments.js';
import { chineseSegments, chineseWords, isChineseCourtesy } from './chinese.js';
import { englishSegments, isContrastWord, isEnglishCourtesy, isNegation } from './english.js';
import { type Features, type LinearModel, probabilitiesOf } from './linear-model.js';
import { type Segment, toCompound } from './valence.js';

/** What the local twin of Comprehend says of a text: its label and a score for each label, summing to 1. */
export interface SentimentAnalysis {
  sentiment: Sentiment;
  scores: Record<Sentiment, number>;
}

/**
 * A clause is clearly positive (negative) when its own compound score is at least this far from 0, and
 * a whole comment is positive (negative) when its compound score is: one plain word of praise ("good",
 * "thanks", 好, 满意) is enough, a lukewarm one ("ok", "fine", 还行) is not.
 */
export const CLEAR = 0.3;
/** VADER's weights around the first contrast: what comes after a "but" counts more than what came before. */
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;

/**
 * Times set against each other in a comment with no feeling in it ("booked a 2pm slot, was seen at
 * 3:40", "rang at 9, got through at 10:15"): a wait told as plain facts. A question is no complaint.
 */
const TIME_MENTION =
  /\b(?:\d{1,2}(?::\d{2})?\s?(?:am|pm)|\d{1,2}:\d{2}|(?:at|by|before|after|until|till) \d{1,2}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|yesterday|tonight|this morning|last night|(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|ninety) (?:minutes?|mins?|hours?|days?|weeks?|months?))\b/gi;
const TIMES_OF_A_WAIT = 2;
/** The complaint a wait told in times adds, on VADER's scale: as much as one plain complaint word. */
const TOLD_WAIT = 1.5;

/** The languages the twin reads; a text in another language Comprehend reads is labelled neutral. */
export const READ_LANGUAGES: ReadonlySet<string> = new Set(['en', 'zh', 'zh-TW']);

/** A run of CJK characters, with the numbers inside or before it (等了2天, 排到第58位): they are part of its words. */
const CJK_RUN =
  /(?:\d+(?:\.\d+)?\s*)?[\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+(?:\s*\d+(?:\.\d+)?\s*[\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+)*/gu;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The words of a text as a reader sees them: tags and the code of scripts and styles taken out,
 * character references read, full-width letters and digits as ASCII, curly apostrophes straight.
 */
export const readableText = (text: string): string =>
  text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(/<\/?[a-z!][^>]*>/gi, ' ')
    .replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]+));/gi, (reference, decimal, hex, name) => {
      const code = decimal ? Number(decimal) : hex ? Number.parseInt(hex, 16) : undefined;
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      return ENTITIES[String(name).toLowerCase()] ?? reference;
    })
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc]/g, "'");

/** A sentence or a part of one between two commas: where a comment may turn from praise to complaint. */
const PUNCTUATED_CLAUSE = /(?:[^.!?;,。！？；，…\n]|(?<=\d)[.,](?=\d))+[.!?;,。！？；，…\n]*/gu;

/** A dash between two clauses ("great staff - shame about the wait"), not one inside a word. */
const DASH = /\s[-\u2013\u2014]+\s|[\u2013\u2014]/g;

/** The clauses of a text: each punctuated clause cut into runs of CJK and of other characters, each read by its analyser. */
const clausesOf = (text: string): Segment[] => {
  const clauses: Segment[] = [];
  for (const [punctuated] of text.replace(DASH, ',').matchAll(PUNCTUATED_CLAUSE)) {
    let clause: Segment | undefined;
    let at = 0;
    const runs: { text: string; cjk: boolean }[] = [];
    for (const match of punctuated.matchAll(CJK_RUN)) {
      if (match.index > at) runs.push({ text: punctuated.slice(at, match.index), cjk: false });
      runs.push({ text: match[0], cjk: true });
      at = match.index + match[0].length;
    }
    if (at < punctuated.length) runs.push({ text: punctuated.slice(at), cjk: false });
    for (const run of runs) {
      for (const segment of run.cjk ? chineseSegments(run.text) : englishSegments(run.text)) {
        // A run that goes on the clause before it (客服很 nice) adds to it; a contrast opens a new one.
        if (clause && !segment.contrast) {
          clause.score += segment.score;
          clause.courtesy &&= segment.courtesy || segment.score === 0;
        } else {
          clause = { ...segment };
          clauses.push(clause);
        }
      }
    }
  }
  return clauses;
};

const NEUTRAL_ONLY: SentimentAnalysis = {
  sentiment: 'neutral',
  scores: { positive: 0.01, negative: 0.01, neutral: 0.97, mixed: 0.01 },
};

/** Which way a clause leans, when it leans at all (a valence beyond half a point either way). */
export type Leaning = 'good' | 'bad' | 'flat';
const LEANING = 0.5;
const leaningOf = (clause: Segment | undefined): Leaning =>
  !clause || Math.abs(clause.score) <= LEANING ? 'flat' : clause.score > 0 ? 'good' : 'bad';

/** What the rules find in a comment's clauses, before the model weighs it. */
export interface Evidence {
  /** The weighed sum of the clauses' praise, on VADER's summed scale. */
  praise: number;
  /** The weighed sum of their complaint, as a positive number. */
  complaint: number;
  /** A clause (not one that only thanks) is clearly positive. */
  clearPraise: boolean;
  /** A clause is clearly negative. */
  clearComplaint: boolean;
  /** The comment turns at a contrast that says something after it. */
  contrast: boolean;
  /** A wait told in times was counted as a complaint. */
  toldWait: boolean;
  /** The comment asks something. */
  question: boolean;
  /** What its first clause says, and its last: a comment's opening and its last word weigh most with a reader. */
  opening: Leaning;
  closing: Leaning;
  /**
   * The rules' own label: `mixed` for a clearly positive clause and a clearly negative one (a clause
   * that only thanks does not count); otherwise the clauses' sum decides.
   */
  rule: Sentiment;
}

/**
 * The rules' reading of a text: English with VADER and support phrases, Chinese with a lexicon over
 * jieba's words; a text of both, each part with its own. A clause that only thanks or greets counts only
 * when nothing else says anything. What follows the first contrast weighs three
 * times what precedes it when it says anything. Complaints told as plain facts count as complaints
 * (each language's analyser reads them: "still hasn't arrived", 到现在还没到), and so do times set
 * against each other in a comment that says nothing else ("booked 2pm, seen at 3:40").
 */
export const evidenceOf = (text: string): Evidence => {
  const read = clausesOf(readableText(text));
  // Thanks around an opinion are no part of it ("Thanks, but it still doesn't work"); thanks alone are all there is.
  const clauses = read.some((clause) => !clause.courtesy && clause.score !== 0)
    ? read.filter((clause) => !clause.courtesy)
    : read;
  const contrast = clauses.findIndex((clause) => clause.contrast);
  // A contrast turns the comment only when what follows it says something ("paid, but the order says processing").
  const firstContrast =
    contrast >= 0 && clauses.slice(contrast).some((clause) => clause.score !== 0) ? contrast : -1;
  const weightOf = (index: number) =>
    firstContrast <= 0 ? 1 : index < firstContrast ? BEFORE_CONTRAST : AFTER_CONTRAST;
  let praise = 0;
  let complaint = 0;
  for (const [index, clause] of clauses.entries()) {
    if (clause.score > 0) praise += clause.score * weightOf(index);
    else complaint -= clause.score * weightOf(index);
  }
  // What follows a contrast is weighed as VADER weighs it, what precedes it as it is: 就是有点贵 is a complaint.
  const clear = (sign: 1 | -1) =>
    clauses.some(
      (clause, index) =>
        !clause.courtesy && sign * toCompound(clause.score * Math.max(1, weightOf(index))) >= CLEAR,
    );
  const question = /[?？]/.test(text);
  const toldWait =
    toCompound(praise) < CLEAR &&
    Math.abs(toCompound(praise - complaint)) < CLEAR &&
    !question &&
    (text.match(TIME_MENTION)?.length ?? 0) >= TIMES_OF_A_WAIT;
  if (toldWait) complaint += TOLD_WAIT;
  const clearPraise = clear(1);
  const clearComplaint = clear(-1);
  const compound = toCompound(praise - complaint);
  const rule: Sentiment =
    clearPraise && clearComplaint
      ? 'mixed'
      : compound >= CLEAR
        ? 'positive'
        : compound <= -CLEAR
          ? 'negative'
          : 'neutral';
  return {
    praise,
    complaint,
    clearPraise,
    clearComplaint,
    contrast: firstContrast >= 0,
    toldWait,
    question,
    opening: leaningOf(clauses[0]),
    closing: leaningOf(clauses.at(-1)),
    rule,
  };
};

/** How many English words after a negation it reaches ("not at all helpful"); a punctuation mark or a contrast ends it. */
const NEGATION_REACH = 3;
const ENGLISH_TOKEN = /[\p{L}']+|\d+(?:[.:,]\d+)*|[.,;!?]/gu;
const NUMBER = /^\d/;

/**
 * The words of a clause as the model reads them, in order: English in lower case, each word within
 * reach after a negation marked as negated (`not:helpful`), quotes around a word dropped; Chinese as the
 * analysis cuts it; every number `#`. Question and exclamation marks are words of their own; other
 * punctuation, and a contrast ("but"), only end a negation's reach.
 */
export const wordsOf = (readable: string): string[] => {
  const words: string[] = [];
  let at = 0;
  const english = (run: string) => {
    let reach = 0;
    for (const [token] of run.toLowerCase().matchAll(ENGLISH_TOKEN)) {
      const word = NUMBER.test(token) ? '#' : token.replace(/^'+|'+$/g, '');
      if (/^[.,;!?]$/.test(word)) {
        reach = 0;
        if (word === '?' || word === '!') words.push(word);
      } else if (isNegation(word)) {
        words.push(word);
        reach = NEGATION_REACH;
      } else if (word) {
        if (isContrastWord(word)) reach = 0;
        words.push(reach > 0 ? `not:${word}` : word);
        reach -= 1;
      }
    }
  };
  for (const match of readable.matchAll(CJK_RUN)) {
    english(readable.slice(at, match.index));
    for (const word of chineseWords(match[0])) {
      if (!/^[\s\p{P}]+$/u.test(word)) words.push(NUMBER.test(word) ? '#' : word);
    }
    at = match.index + match[0].length;
  }
  english(readable.slice(at));
  return words;
};

/**
 * Whether a clause only thanks or greets ("Thanks,", 谢谢，): its words are read no more by the model
 * than by the rules, so that thanks are never the good side of a complaint.
 */
const onlyCourtesy = (clause: string): boolean => {
  const chinese = [...clause.matchAll(CJK_RUN)].map(([run]) => run).join('');
  const english = clause.replace(CJK_RUN, ' ');
  const hasEnglish = /\p{L}/u.test(english);
  return (
    (chinese !== '' || hasEnglish) &&
    (chinese === '' || isChineseCourtesy(chinese)) &&
    (!hasEnglish || isEnglishCourtesy(english))
  );
};

/**
 * What the model reads of a comment: the rules' evidence and label, each a feature of the comment's
 * language (the same evidence weighs differently in English and in Chinese), and the words and pairs of
 * words of each clause that says more than thanks, whatever the language.
 */
export const featuresOf = (text: string, languageCode: string): Features => {
  const language = languageCode === 'en' ? 'en' : 'zh';
  const evidence = evidenceOf(text);
  const features = new Map<string, number>([
    [`bias:${language}`, 1],
    [`rule:${language}:${evidence.rule}`, 1],
    [`praise:${language}`, toCompound(evidence.praise)],
    [`complaint:${language}`, toCompound(evidence.complaint)],
    [`compound:${language}`, toCompound(evidence.praise - evidence.complaint)],
  ]);
  for (const flag of ['clearPraise', 'clearComplaint', 'contrast', 'toldWait', 'question'] as const) {
    if (evidence[flag]) features.set(`${flag}:${language}`, 1);
  }
  features.set(`opening:${language}:${evidence.opening}`, 1);
  features.set(`closing:${language}:${evidence.closing}`, 1);
  const clauses = [...readableText(text).replace(DASH, ',').matchAll(PUNCTUATED_CLAUSE)]
    .filter(([clause]) => !onlyCourtesy(clause))
    .map(([clause]) => wordsOf(clause));
  for (const words of clauses) {
    for (const word of words) features.set(`w:${word}`, 1);
    for (let at = 1; at < words.length; at += 1) features.set(`b:${words[at - 1]} ${words[at]}`, 1);
  }
  return features;
};

/** A text with no letter, digit or pictograph and nothing the rules read ("", "!!!"): nothing to label. */
const nothingToRead = (text: string): boolean => {
  if (/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(readableText(text))) return false;
  const { praise, complaint } = evidenceOf(text);
  return praise === 0 && complaint === 0;
};

export const MODEL_URL = new URL('./sentiment-model.json', import.meta.url);
let model: LinearModel | undefined;
/** The learnt weights, read on the first comment. */
const modelOf = (): LinearModel => {
  model ??= JSON.parse(readFileSync(MODEL_URL, 'utf8')) as LinearModel;
  return model;
};

/**
 * The sentiment of a text as the local twin of Comprehend reads it, in `languageCode` (DetectSentiment's
 * `LanguageCode`): the rules' evidence and the comment's words, weighed by a linear model learnt from
 * comments labelled by hand (`bench/train-sentiment.ts`); its four probabilities are the scores and the
 * likeliest is the label. A text in a language it does not read, or with nothing to read, is `neutral`.
 * Synchronous, and pure but for reading the model's file on first use, for the benchmark.
 */
export const analyseSentiment = (text: string, languageCode: string): SentimentAnalysis => {
  if (!READ_LANGUAGES.has(languageCode) || nothingToRead(text)) return NEUTRAL_ONLY;
  const scores = probabilitiesOf(modelOf(), featuresOf(text, languageCode));
  const sentiment = SENTIMENTS.reduce((best, label) => (scores[label] > scores[best] ? label : best));
  return { sentiment, scores };
};
