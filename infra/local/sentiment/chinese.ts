import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import {
  CHINESE_ABSOLUTES,
  CHINESE_CONDITIONAL_CONTRAST,
  CHINESE_CONDITIONAL_FOLLOWERS,
  CHINESE_CONTRASTS,
  CHINESE_COURTESY,
  CHINESE_DEGREES,
  CHINESE_IRREALIS,
  CHINESE_MINOR,
  CHINESE_NEGATORS,
  CHINESE_NEUTRAL,
  CHINESE_PATTERNS,
  CHINESE_WORDS,
} from './chinese-lexicon.js';
import type { Segment } from './valence.js';

type Negation = 'full' | 'soft' | 'strong';

/** How far each negation turns a good word and a bad one: 不满意 is a complaint, 不贵 only mild praise. */
const TURN: Record<Negation, { good: number; bad: number }> = {
  full: { good: -1.0, bad: -0.5 },
  soft: { good: -0.7, bad: -0.3 },
  strong: { good: -1.3, bad: -1.0 },
};
/**
 * A softener before a complaint (有点慢, 有点贵) marks it as one more than it weakens it: it keeps at
 * least this much of the complaint's valence.
 */
const SOFTENED_COMPLAINT = 0.9;
/** A good word after a wish (希望能快点) is hoped for, not had. */
const WISHED = 0.3;
/** How much of a complaint is left after a word that calls it small (唯一的小问题是发票开错了). */
const MINOR = 0.5;
/** How many words a negation or a degree adverb reaches across to its sentiment word (没 有人 理). */
const REACH = 3;
/** Words that say nobody did it, and so also turn the good word after them (没人主动联系). */
const NOBODY: ReadonlySet<string> = new Set(['没人', '没有人']);
/** The longest entry of the tables, for re-cutting a word the segmenter left whole. */
const LONGEST = 6;

const require = createRequire(import.meta.url);
let segmenter: Jieba | undefined;

/**
 * jieba with its own dictionary and every multi-character entry of the lexicon, each frequent enough to
 * be cut as one word. Loaded on the first Chinese comment (its dictionary takes a few hundred
 * milliseconds to read), not at import.
 */
const jieba = (): Jieba => {
  if (!segmenter) {
    const { Jieba: Segmenter } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const loaded = Segmenter.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
    const words = [
      ...CHINESE_WORDS.keys(),
      ...CHINESE_NEGATORS.keys(),
      ...CHINESE_DEGREES.keys(),
      ...CHINESE_CONTRASTS,
      ...CHINESE_IRREALIS,
      ...CHINESE_MINOR,
      ...CHINESE_NEUTRAL,
    ].filter((word) => word.length > 1);
    loaded.loadDict(Buffer.from(words.map((word) => `${word} 10000`).join('\n')));
    segmenter = loaded;
  }
  return segmenter;
};

const known = (word: string) =>
  CHINESE_WORDS.has(word) ||
  CHINESE_NEGATORS.has(word) ||
  CHINESE_DEGREES.has(word) ||
  CHINESE_CONTRASTS.has(word) ||
  CHINESE_ABSOLUTES.has(word) ||
  CHINESE_IRREALIS.has(word) ||
  CHINESE_MINOR.has(word) ||
  CHINESE_NEUTRAL.has(word) ||
  word === CHINESE_CONDITIONAL_CONTRAST;

/**
 * A word the segmenter left whole from its own dictionary (不贵, 太贵, 很差, 价格合理) cut again into
 * the lexicon's words, longest first: when it is made of them alone, or holds one of two characters or
 * more. A single character among others it does not know is no word of its own (快递: 快 is no praise
 * there), so such a word stays whole.
 */
const recut = (word: string): string[] => {
  if (word.length < 2 || known(word)) return [word];
  const parts: string[] = [];
  let allKnown = true;
  let longKnown = false;
  let at = 0;
  while (at < word.length) {
    let length = Math.min(LONGEST, word.length - at);
    while (length > 1 && !known(word.slice(at, at + length))) length -= 1;
    const part = word.slice(at, at + length);
    if (!known(part)) allKnown = false;
    else if (length > 1) longKnown = true;
    parts.push(part);
    at += length;
  }
  return allKnown || longKnown ? parts : [word];
};

/** The words of a run of Chinese as the analysis cuts them: jieba's, re-cut into the lexicon's. */
export const chineseWords = (run: string): string[] => jieba().cut(run, true).flatMap(recut);

/** Whether a run of Chinese only thanks (谢谢, 辛苦了): every word of it a courtesy. */
export const isChineseCourtesy = (run: string): boolean => {
  const words = chineseWords(run).filter((word) => !/^[\s\p{P}]+$/u.test(word));
  return words.length > 0 && words.every((word) => CHINESE_COURTESY.has(word));
};

/** A word of a comment, or a counted wait or contact (等了三天) standing for its valence. */
type Word = { text: string; valence?: number };

/** The words of a run of Chinese, in order, with the counted waits and contacts as words of their own. */
const wordsOf = (run: string): Word[] => {
  const counted: { start: number; end: number; valence: number }[] = [];
  for (const { pattern, valence } of CHINESE_PATTERNS) {
    for (const match of run.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (counted.every((other) => end <= other.start || start >= other.end))
        counted.push({ start, end, valence });
    }
  }
  counted.sort((a, b) => a.start - b.start);
  const words: Word[] = [];
  const cut = (text: string) => {
    if (text) for (const word of chineseWords(text)) words.push({ text: word });
  };
  let at = 0;
  for (const { start, end, valence } of counted) {
    cut(run.slice(at, start));
    words.push({ text: run.slice(start, end), valence });
    at = end;
  }
  cut(run.slice(at));
  return words;
};

/**
 * Whether 就是 at `index` opens a complaint (就是有点慢, 就是送来的时候凉了) rather than meaning "exactly":
 * a softener soon after it, or a complaint before the clause ends.
 */
const opensComplaint = (words: Word[], index: number) =>
  words.slice(index + 1, index + 1 + REACH).some((word) => CHINESE_CONDITIONAL_FOLLOWERS.has(word.text)) ||
  words.slice(index + 1).some((word) => (word.valence ?? CHINESE_WORDS.get(word.text) ?? 0) < 0);

/** Whether a negation follows at `index`, perhaps after 也 or 都 (一点也不, 根本都没). */
const negationAt = (words: Word[], index: number) => {
  const word = words[index]?.text ?? '';
  if (word === '也' || word === '都') return CHINESE_NEGATORS.has(words[index + 1]?.text ?? '');
  return CHINESE_NEGATORS.has(word);
};

/**
 * The clauses of a run of Chinese characters, split at each contrast word, each scored from its words:
 * a sentiment word's valence, multiplied by the degree adverbs before it and turned by a negation
 * before it (a degree after the negation softens it: 不是很满意; before it, it strengthens it:
 * 很不满意), and by a wish before it.
 */
export const chineseSegments = (run: string): Segment[] => {
  const words = wordsOf(run);
  const segments: Segment[] = [];
  let current: Segment = { score: 0, contrast: false, courtesy: false };
  let sentimentWords = 0;
  let courtesyWords = 0;
  let negation: Negation | undefined;
  let degree = 1;
  let absolute = false;
  let wished = false;
  let minor = false;
  let reach = 0;
  const reset = () => {
    negation = undefined;
    degree = 1;
    absolute = false;
    reach = 0;
  };
  const close = (contrast: boolean) => {
    current.courtesy = sentimentWords > 0 && courtesyWords === sentimentWords;
    if (sentimentWords > 0 || current.contrast) segments.push(current);
    current = { score: 0, contrast, courtesy: false };
    sentimentWords = 0;
    courtesyWords = 0;
    wished = false;
    minor = false;
    reset();
  };
  for (const [index, { text: word, valence: countedValence }] of words.entries()) {
    const next = words[index + 1]?.text ?? '';
    if (
      CHINESE_CONTRASTS.has(word) ||
      (word === CHINESE_CONDITIONAL_CONTRAST && opensComplaint(words, index))
    ) {
      close(true);
      continue;
    }
    if (CHINESE_MINOR.has(word)) {
      minor = true;
      continue;
    }
    if (CHINESE_IRREALIS.has(word)) {
      wished = true;
      continue;
    }
    // A counted phrase (等了三天, or 根本 before 没) is a sentiment word, whatever its characters.
    const counted = countedValence !== undefined;
    if (!counted && CHINESE_ABSOLUTES.has(word) && negationAt(words, index + 1)) {
      absolute = true;
      reach = REACH;
      continue;
    }
    const negator = counted ? undefined : CHINESE_NEGATORS.get(word);
    if (negator) {
      negation = absolute ? 'strong' : negator;
      reach = REACH;
      continue;
    }
    const boost = counted ? undefined : CHINESE_DEGREES.get(word);
    // 好 is a degree before a sentiment word (好慢) and a sentiment word of its own elsewhere (服务好).
    if (boost && (!CHINESE_WORDS.has(word) || CHINESE_WORDS.has(next))) {
      if (negation === 'full') negation = 'soft';
      else degree *= boost;
      reach = REACH;
      continue;
    }
    const valence = countedValence ?? CHINESE_WORDS.get(word);
    if (valence === undefined) {
      if (/[\s\p{P}]/u.test(word) || word === '也' || word === '都' || word === '了') continue;
      reach -= 1;
      if (reach <= 0) reset();
      continue;
    }
    let score = valence;
    // A counted phrase carries its own reading (没两天又坏了: the 没 is not the 又's).
    if (!counted) {
      score *= valence < 0 && !negation ? Math.max(degree, SOFTENED_COMPLAINT) : degree;
      if (negation) score *= valence > 0 ? TURN[negation].good : TURN[negation].bad;
      if (wished && score > 0) score *= WISHED;
    }
    if (minor && score < 0) score *= MINOR;
    current.score += score;
    sentimentWords += 1;
    if (CHINESE_COURTESY.has(word)) courtesyWords += 1;
    reset();
    // 没人 is a complaint and a negation of what follows: 没人主动联系 praises no one.
    if (NOBODY.has(word)) {
      negation = 'full';
      reach = REACH;
    }
  }
  close(false);
  return segments;
};
