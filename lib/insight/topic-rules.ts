import type { Taxonomy } from '../settings/topics.js';
import { normalizeComment } from './comment-text.js';

/*
 * Which topics of a taxonomy a comment mentions, by per-topic phrases in both languages (the way
 * Qualtrics Text iQ topic rules work): the same code on AWS and on one machine, with no model, no
 * network and no state beyond the compiled patterns.
 *
 * - The comment is normalised first (`normalizeComment`).
 * - A phrase with a Chinese character is found as a substring, since Chinese has no spaces between
 *   words; a longer phrase of the list is tried before a shorter one at the same place.
 * - Any other phrase is found as whole words (no Latin letter right before or after it), each word
 *   with its simple inflections (wait: waits, waited, waiting; ship: shipped, shipping; reply:
 *   replies, replied; apostrophes optional, so "didnt help" is "didn't help"), words apart by spaces or
 *   a dash ("follow up" is "follow-up"). Irregular forms are phrases of their own (paid, took).
 * - False friends: an expression in which a phrase means something else (快 in 快乐, 坏了 in 气坏了,
 *   "kind" in "kind of", "hours" in "opening hours") voids every phrase inside it, except a phrase
 *   that covers it whole: 客服电话 voids staff's 客服 but not communication's 客服电话.
 * - Negation: a negated mention is still a mention ("no wait at all" speaks of waiting, 不贵 of the
 *   price); the sentiment says which way it goes. What is not a mention is a disclaimer, the customer
 *   saying what the comment is not about: "not about the price", "nothing to do with the courier",
 *   "the price isn't the issue", 不是价格的问题, 跟快递没关系, 不是因为等太久. A phrase inside a
 *   disclaimer does not count; the same topic named elsewhere in the comment still does. "Not an
 *   issue" and "no problem with the price" are negated qualities, so they stay mentions.
 */

const HAN = /\p{Script=Han}/u;
const LATIN_BEFORE = '(?<!\\p{Script=Latin})';
const LATIN_AFTER = '(?!\\p{Script=Latin})';

/**
 * Words kept as written: too short or too common to inflect ("as" is not a form of "a", nor "bed" of
 * "be"), or whose verb forms say something else ("processed" is a refund's state, not the effort of a
 * process).
 */
const UNINFLECTED: ReadonlySet<string> = new Set(
  (
    'process the and for with not out off any all too very our your their my me was were has had have ' +
    'did does one who what that this per than still never nobody into over back away time line hold'
  ).split(' '),
);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The forms of one English word, as a pattern: the word and its plain inflections. */
const wordPattern = (word: string): string => {
  const literal = escapeRegExp(word).replace(/'/g, "'?");
  if (word.length < 3 || UNINFLECTED.has(word) || !/^[a-z]+$/.test(word)) return literal;
  const forms = new Set([word, `${word}s`]);
  if (/(s|x|z|ch|sh)$/.test(word)) forms.add(`${word}es`);
  if (word.endsWith('ee')) {
    // fee: fees, never "feed".
  } else if (word.endsWith('e')) {
    forms.add(`${word}d`);
    forms.add(`${word.slice(0, -1)}ing`);
  } else if (/[^aeiou]y$/.test(word)) {
    forms.add(`${word.slice(0, -1)}ies`);
    forms.add(`${word.slice(0, -1)}ied`);
    forms.add(`${word}ing`);
  } else {
    forms.add(`${word}ed`);
    forms.add(`${word}ing`);
    // One short syllable ending in one consonant doubles it: ship, shipped; chat, chatting.
    if (word.length <= 4 && /^[^aeiou]*[aeiou][^aeiouwxy]$/.test(word)) {
      forms.add(`${word}${word.at(-1)}ed`);
      forms.add(`${word}${word.at(-1)}ing`);
    }
  }
  return `(?:${[...forms].sort((a, b) => b.length - a.length).join('|')})`;
};

/** A phrase as a pattern, read the way comments are read. */
const phrasePattern = (phrase: string): string => {
  const normal = normalizeComment(phrase);
  if (HAN.test(normal)) return escapeRegExp(normal).replace(/ /g, '\\s*');
  const words = normal.split(/[\s-]+/).filter(Boolean);
  return `${LATIN_BEFORE}${words.map(wordPattern).join('[\\s-]+')}${LATIN_AFTER}`;
};

/** Longest phrase first, so that at one place the most specific phrase is the one found. */
const alternation = (phrases: readonly string[]): RegExp => {
  const patterns = [...new Set(phrases.map((phrase) => normalizeComment(phrase)))]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map(phrasePattern);
  return new RegExp(patterns.length > 0 ? patterns.join('|') : '(?!)', 'gu');
};

/**
 * Expressions in which a phrase of some topic means something else. Each one that belongs to a topic
 * is also that topic's phrase (see the default taxonomy), so that it survives its own fence.
 */
export const FALSE_FRIENDS: readonly string[] = [
  // 快乐 is joy, not speed (很快乐); 等等 is "and so on" or "hang on"; 贵 in 贵公司 is courtesy.
  '快乐',
  '等等',
  '贵公司',
  '贵司',
  '宝贵',
  '珍贵',
  '贵宾',
  '可贵',
  '不值一提',
  // 气坏了 is anger, 没毛病 slang for "all good", 用不了多久 "it won't take long".
  '气坏了',
  '急坏了',
  '累坏了',
  '吓坏了',
  '饿坏了',
  '乐坏了',
  '没毛病',
  '用不了多久',
  // Polite requests and set phrases: 麻烦您 is "may I trouble you", 方便面 instant noodles.
  '麻烦您',
  '麻烦你',
  '添麻烦',
  '方便面',
  '方便的话',
  '简单说',
  '简单来说',
  '简单地说',
  '说明书',
  '邮箱地址',
  // Reaching customer service is not a judgement of its people.
  '联系客服',
  '找客服',
  '问客服',
  '咨询客服',
  '打客服',
  '客服电话',
  '客服热线',
  '人工客服',
  '服务质量',
  "can't wait",
  'cannot wait',
  'kind of',
  'kinds of',
  'kind regards',
  'user friendly',
  'eco friendly',
  'family friendly',
  'pay attention',
  'paid attention',
  'fixed price',
  'fixed rate',
  'fixed term',
  'late fee',
  'long time customer',
  'these days',
  'those days',
  'opening hours',
  'office hours',
  'business hours',
  'working hours',
  'in line with',
  'on site',
  'hard to believe',
  'hard to say',
  'in the form of',
  'error message',
  'software update',
  'firmware update',
  'quality of service',
  'service quality',
  'tick box',
  'text box',
  'check box',
  'search box',
  'printer driver',
  'device driver',
  'answering machine',
  'wrong item',
  'missing item',
  'contact customer service',
  'call customer service',
  '到账',
  '价格透明',
  '骚扰电话',
];

/** Where a clause ends: a disclaimer reaches no further. */
const CLAUSE_ENDS =
  /[.,;:!?\n。，；：！？…]|(?<!\p{Script=Latin})(?:but|however|though|although|except)(?!\p{Script=Latin})|但是|但|可是|不过|而是|只是/gu;
const INSIDE_A_CLAUSE = '[^.,;:!?\\n。，；：！？…]';

/** A cue whose disclaimer runs on to the end of its clause: "not about the price, ..." */
const DISCLAIMS_WHAT_FOLLOWS = new RegExp(
  [
    `(?<!\\p{Script=Latin})(?:not|never|(?:is|was|are|were|do|does|did|ai)n'?t)\\s+(?:really\\s+|actually\\s+|so\\s+much\\s+)?(?:about|because\\s+of|due\\s+to|related\\s+to|to\\s+do\\s+with)${LATIN_AFTER}`,
    `(?<!\\p{Script=Latin})(?:nothing|little)\\s+to\\s+do\\s+with${LATIN_AFTER}`,
    `(?<!\\p{Script=Latin})unrelated\\s+to${LATIN_AFTER}`,
    '(?<![要是])(?:不是|并不是|并非|倒不是)(?:因为|由于|关于|针对)',
    '无关乎|不在于',
  ].join('|'),
  'gu',
);

/** A cue whose disclaimer reaches back over the words before it: "the price isn't the issue". */
const DISCLAIMS_WHAT_PRECEDES = new RegExp(
  `(?<!\\p{Script=Latin})(?:(?:is|was|are|were)\\s+not|(?:is|was|are|were)n'?t)\\s+(?:really\\s+)?(?:the|my|our)\\s+(?:issue|problem|point|reason|complaint|concern)${LATIN_AFTER}` +
    `|(?<!\\p{Script=Latin})(?:has|had|have)\\s+nothing\\s+to\\s+do\\s+with${LATIN_AFTER}`,
  'gu',
);
const REACH_BACK = 40;

/** Chinese disclaimers that enclose what they disclaim: 不是价格的问题, 跟快递没关系, 不关客服的事. */
const DISCLAIMS_WHAT_IT_ENCLOSES = new RegExp(
  [
    `(?<![要是])(?:不是|并不是|并非|倒不是)${INSIDE_A_CLAUSE}{1,12}?(?:问题|原因|锅)`,
    `(?:跟|和|与|同)${INSIDE_A_CLAUSE}{1,12}?(?:无关|没关系|没有关系|没什么关系|没啥关系|关系不大)`,
    `不关${INSIDE_A_CLAUSE}{1,12}?事`,
  ].join('|'),
  'gu',
);

interface Span {
  start: number;
  end: number;
}

const clauseEndAfter = (text: string, from: number): number => {
  CLAUSE_ENDS.lastIndex = from;
  return CLAUSE_ENDS.exec(text)?.index ?? text.length;
};

const clauseStartBefore = (text: string, to: number): number => {
  const window = text.slice(Math.max(0, to - REACH_BACK), to);
  let start = to - window.length;
  CLAUSE_ENDS.lastIndex = 0;
  for (let found = CLAUSE_ENDS.exec(window); found; found = CLAUSE_ENDS.exec(window)) {
    start = to - window.length + found.index + found[0].length;
  }
  return start;
};

const disclaimersOf = (text: string): Span[] => {
  const spans: Span[] = [];
  for (const cue of text.matchAll(DISCLAIMS_WHAT_FOLLOWS)) {
    spans.push({ start: cue.index, end: clauseEndAfter(text, cue.index + cue[0].length) });
  }
  for (const cue of text.matchAll(DISCLAIMS_WHAT_PRECEDES)) {
    spans.push({ start: clauseStartBefore(text, cue.index), end: cue.index + cue[0].length });
  }
  for (const enclosed of text.matchAll(DISCLAIMS_WHAT_IT_ENCLOSES)) {
    spans.push({ start: enclosed.index, end: enclosed.index + enclosed[0].length });
  }
  return spans;
};

/** Every place a pattern matches, overlapping ones included (each start tried once). */
const spansOf = (pattern: RegExp, text: string): Span[] => {
  const spans: Span[] = [];
  pattern.lastIndex = 0;
  for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
    spans.push({ start: found.index, end: found.index + found[0].length });
    pattern.lastIndex = found.index + 1;
  }
  return spans;
};

interface CompiledTopic {
  id: string;
  pattern: RegExp;
}

const FALSE_FRIEND_PATTERN = alternation(FALSE_FRIENDS);
const compiled = new WeakMap<Taxonomy, CompiledTopic[]>();

const compile = (taxonomy: Taxonomy): CompiledTopic[] => {
  let topics = compiled.get(taxonomy);
  if (!topics) {
    topics = taxonomy.map((topic) => ({
      id: topic.id,
      pattern: alternation([...topic.phrases.en, ...topic.phrases.zh]),
    }));
    compiled.set(taxonomy, topics);
  }
  return topics;
};

/**
 * The ids of the topics a comment mentions, in the taxonomy's order, each once; none for a comment
 * that mentions none (emoji, another language, a greeting). Reads at most `MAX_READ_LENGTH`
 * characters, in time linear in their number. A taxonomy's patterns are compiled on its first use and
 * kept while the taxonomy is.
 */
export const topicsOf = (text: string, taxonomy: Taxonomy): string[] => {
  const topics = compile(taxonomy);
  const comment = normalizeComment(text);
  if (comment === '') return [];
  let falseFriends: Span[] | undefined;
  let disclaimers: Span[] | undefined;
  const counts = (start: number, end: number): boolean => {
    falseFriends ??= spansOf(FALSE_FRIEND_PATTERN, comment);
    disclaimers ??= disclaimersOf(comment);
    const fenced = falseFriends.some(
      (friend) => friend.start < end && friend.end > start && (friend.start < start || friend.end > end),
    );
    return !fenced && !disclaimers.some((span) => span.start <= start && end <= span.end);
  };
  const found: string[] = [];
  for (const { id, pattern } of topics) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(comment); match; match = pattern.exec(comment)) {
      if (counts(match.index, match.index + match[0].length)) {
        found.push(id);
        break;
      }
      pattern.lastIndex = match.index + 1;
    }
  }
  return [...new Set(found)];
};
