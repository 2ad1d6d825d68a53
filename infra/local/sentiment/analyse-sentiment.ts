import type { Sentiment } from '../../../lib/surveys/sentiments.js';
import { chineseSegments } from './chinese.js';
import { englishSegments } from './english.js';
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

/**
 * Comprehend's four scores from the analysis: the label's at least 0.55, growing with how plain the
 * text is about it, and the rest shared by the other labels after the text's praise and complaint.
 */
const scoresOf = (sentiment: Sentiment, praise: number, complaint: number): Record<Sentiment, number> => {
  const positive = toCompound(praise);
  const negative = toCompound(complaint);
  const compound = toCompound(praise - complaint);
  const confidence = {
    positive: Math.min(1, compound / CLEAR / 2),
    negative: Math.min(1, -compound / CLEAR / 2),
    neutral: 1 - Math.min(1, Math.abs(compound) / CLEAR),
    mixed: Math.min(positive, negative) / Math.max(positive, negative, Number.EPSILON),
  }[sentiment];
  const top = 0.55 + 0.44 * Math.max(0, confidence);
  // Every other label keeps a little of the rest, as Comprehend never answers an exact 0.
  const others = {
    positive: Math.max(0.01, positive),
    negative: Math.max(0.01, negative),
    neutral: 0.2,
    mixed: Math.max(0.01, Math.min(positive, negative)),
  };
  delete (others as Partial<typeof others>)[sentiment];
  const total = Object.values(others).reduce((sum, value) => sum + value, 0);
  const scores = { positive: 0, negative: 0, neutral: 0, mixed: 0, [sentiment]: top };
  for (const [label, weight] of Object.entries(others)) {
    scores[label as Sentiment] = ((1 - top) * weight) / total;
  }
  return scores;
};

/**
 * The sentiment of a text as the local twin of Comprehend reads it, in `languageCode` (DetectSentiment's
 * `LanguageCode`). English with VADER and support phrases, Chinese with a lexicon over jieba's words; a
 * text of both, each part with its own. A text with a clearly positive clause and a clearly negative one
 * is `mixed` (a clause that only thanks does not count); otherwise the clauses' sum decides, what follows
 * the first contrast weighing three times what precedes it when it says anything. Complaints told as plain
 * facts count as complaints (each language's analyser reads them: "still hasn't arrived", 到现在还没到),
 * and so do times set against each other in a comment that says nothing else ("booked 2pm, seen at
 * 3:40"). A text in a language it does not read, or with nothing it can tell, is `neutral`. Pure and
 * synchronous, for the benchmark.
 */
export const analyseSentiment = (text: string, languageCode: string): SentimentAnalysis => {
  if (!READ_LANGUAGES.has(languageCode)) return NEUTRAL_ONLY;
  const clauses = clausesOf(readableText(text));
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
  if (
    toCompound(praise) < CLEAR &&
    Math.abs(toCompound(praise - complaint)) < CLEAR &&
    !text.includes('?') &&
    (text.match(TIME_MENTION)?.length ?? 0) >= TIMES_OF_A_WAIT
  )
    complaint += TOLD_WAIT;
  const compound = toCompound(praise - complaint);
  const sentiment: Sentiment =
    clear(1) && clear(-1)
      ? 'mixed'
      : compound >= CLEAR
        ? 'positive'
        : compound <= -CLEAR
          ? 'negative'
          : 'neutral';
  return { sentiment, scores: scoresOf(sentiment, praise, complaint) };
};
