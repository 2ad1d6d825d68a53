import { isOnScale, SCALES, type Survey } from '../../surveys/scales.js';

/**
 * What an inbound SMS reply to a survey invitation says.
 *
 * - `score`: a score on the survey's scale, with any text after it as the comment.
 * - `comment`: text that is not a score, when the invitation already has one (see {@link SmsReplyOptions}).
 * - `opt-out` / `opt-in`: a carrier keyword, `keyword` being its canonical spelling from
 *   {@link OPT_OUT_KEYWORDS} or {@link OPT_IN_KEYWORDS}.
 * - `help`: a HELP or INFO request.
 * - `unreadable`: anything else, with the normalised text for a human to read.
 */
export type SmsReply =
  | { kind: 'score'; score: number; comment: string }
  | { kind: 'comment'; comment: string }
  | { kind: 'opt-out'; keyword: string }
  | { kind: 'opt-in'; keyword: string }
  | { kind: 'help' }
  | { kind: 'unreadable'; text: string };

/** How to read a reply. */
export interface SmsReplyOptions {
  /**
   * The invitation already has a score, so text that is not a score is taken as its comment rather than
   * being unreadable. A reply that is a score still reads as a score (a change of mind).
   * @defaultValue false
   */
  hasScore?: boolean;
  /**
   * The invitation's locale. Accepted for callers that know it, but not used: every supported language
   * is read whatever the locale, because a customer may answer in another language than the one asked in.
   */
  locale?: string;
}

/** Carrier opt-out keywords: honoured as the whole message or as its first word. */
export const OPT_OUT_KEYWORDS = [
  'STOP',
  'CANCEL',
  'END',
  'QUIT',
  'UNSUBSCRIBE',
  'OPT-OUT',
  'OPTOUT',
  'REMOVE',
  'ARRET',
  'TD',
] as const;

/** Carrier opt-in keywords: honoured only as the whole message. */
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;

/** Help keywords: honoured only as the whole message. */
export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;

/** The longest comment kept from a reply; it matches the comment limit of a response. */
export const MAX_SMS_COMMENT_LENGTH = 2000;

/** Longer messages are cut to this before parsing, so parsing time stays bounded. */
export const MAX_SMS_REPLY_LENGTH = 1600;

const ENGLISH_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['zero', 0],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
]);

const CHINESE_NUMERALS: ReadonlyMap<string, number> = new Map([
  ['零', 0],
  ['〇', 0],
  ['一', 1],
  ['二', 2],
  ['两', 2],
  ['三', 3],
  ['四', 4],
  ['五', 5],
  ['六', 6],
  ['七', 7],
  ['八', 8],
  ['九', 9],
  ['十', 10],
]);

/** "十分" also means "very", so it is never read as ten points. */
const CHINESE_VERY = '十分';
const CHINESE_POINTS = '分';

/** Words that may stand before a keyword without changing it: "please stop". */
const POLITE = new Set(['PLEASE', 'PLS', 'PLZ', 'KINDLY']);
/** Words that may stand before the score: "score: 8", "rating 4". */
const LABELS = new Set(['score', 'rating']);
/** Words that, between two numbers, make a reply ambiguous: "7 or 8". */
const CONNECTORS = new Set(['or', 'to', 'and', 'maybe']);

/** Characters that may open a score: "#9", "(9)", "*10*". */
const OPENERS = new Set(['#', '(', '[', '{', '"', "'", '“', '‘', '«', '*']);
/** Characters stripped between the score and its comment. */
const SEPARATORS = new Set([
  '-',
  '–',
  '—',
  ':',
  ',',
  '.',
  ';',
  '!',
  '?',
  '/',
  '|',
  '=',
  '~',
  ')',
  ']',
  '}',
  '"',
  "'",
  '”',
  '’',
  '»',
  '*',
  '。',
  '、',
]);
const SLASHES = new Set(['/', '⁄', '∕']);
const MINUS_SIGNS = new Set(['-', '−', '–', '—', '‑']);

const ZERO_WIDTH = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;
const PICTOGRAPH = /\p{Extended_Pictographic}/uy;
const KEYCAP = /([0-9])\uFE0F?\u20E3/g;
const KEYCAP_TEN = /\u{1F51F}/gu;
const WHITESPACE_RUN = /\s+/g;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACELESS_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const PUNCTUATION = /\p{P}/u;
/** ":)", ";-(", ":D", "<3": kept as the comment's start, not stripped as separators. */
const EMOTICON = /(?:[:;=][-'^]?[()DPpOo3/\\|[\]*]|<3)/y;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAsciiLetter = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
const cut = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const end = text.charCodeAt(max - 1) >= 0xd800 && text.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return text.slice(0, end);
};

/**
 * The reply as two views of equal length: `flat` with every whitespace run as one space, for parsing,
 * and `text` with runs that hold a line break as one newline, so a comment keeps its lines.
 */
const normalise = (raw: string): { flat: string; text: string } => {
  const text = cut(raw, MAX_SMS_REPLY_LENGTH)
    .normalize('NFKC')
    .replace(ZERO_WIDTH, (zw, offset: number, whole: string) => {
      // A joiner between pictographs builds one emoji (👨‍👩‍👧); anywhere else it only hides text.
      if (zw !== '\u200D' || offset === 0) return '';
      PICTOGRAPH.lastIndex = offset + 1;
      return PICTOGRAPH.test(whole) && whole.charCodeAt(offset - 1) > 0x7f ? zw : '';
    })
    .replace(KEYCAP, '$1')
    .replace(KEYCAP_TEN, '10')
    .replace(WHITESPACE_RUN, (run) => (LINE_BREAK.test(run) ? '\n' : ' '))
    .trim();
  return { flat: text.replaceAll('\n', ' '), text };
};

/** Drops characters that are neither letters nor digits from both ends (code point by code point). */
const trimToWord = (word: string): string => {
  const chars = Array.from(word);
  let start = 0;
  let end = chars.length;
  while (start < end && !LETTER_OR_DIGIT.test(chars[start] ?? '')) start++;
  while (end > start && !LETTER_OR_DIGIT.test(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
};

const canonicalKeyword = (word: string): string =>
  trimToWord(word).normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();

const findKeyword = (list: readonly string[], word: string): string | undefined =>
  list.find((keyword) => keyword === word);

const readKeyword = (flat: string): SmsReply | undefined => {
  const words = flat.split(' ').filter((token) => LETTER_OR_DIGIT.test(token));
  let first = 0;
  // "please stop sending me these" asks to opt out as plainly as "stop" does.
  while (first < words.length - 1 && POLITE.has(canonicalKeyword(words[first] ?? ''))) first++;
  if (first >= words.length) return undefined;
  const word = canonicalKeyword(words[first] ?? '');
  const optOut = findKeyword(OPT_OUT_KEYWORDS, word);
  if (optOut) return { kind: 'opt-out', keyword: optOut };
  if (first < words.length - 1) return undefined;
  const optIn = findKeyword(OPT_IN_KEYWORDS, word);
  if (optIn) return { kind: 'opt-in', keyword: optIn };
  if (findKeyword(HELP_KEYWORDS, word)) return { kind: 'help' };
  return undefined;
};

/** A whole-message Chinese numeral, optionally with 分 ("九分", "十"); `null` when it is not one. */
const readChineseScore = (flat: string): number | null => {
  const chars = Array.from(flat);
  let start = 0;
  let end = chars.length;
  const isPadding = (c: string | undefined) => c === ' ' || PUNCTUATION.test(c ?? '');
  while (start < end && isPadding(chars[start])) start++;
  while (end > start && isPadding(chars[end - 1])) end--;
  const core = chars.slice(start, end).join('');
  if (core === CHINESE_VERY) return null;
  const numeral = core.endsWith(CHINESE_POINTS) ? core.slice(0, -CHINESE_POINTS.length) : core;
  return CHINESE_NUMERALS.get(numeral) ?? null;
};

interface NumberRead {
  value: number;
  end: number;
  isWord: boolean;
}

/** Digits ("09" is 9; very long runs are simply off every scale) or an English number word. */
const readNumber = (s: string, start: number): NumberRead | undefined => {
  let end = start;
  if (isDigit(s[start])) {
    while (isDigit(s[end])) end++;
    let first = start;
    while (first < end - 1 && s[first] === '0') first++;
    const value = end - first > 3 ? Number.POSITIVE_INFINITY : Number(s.slice(first, end));
    return { value, end, isWord: false };
  }
  while (isAsciiLetter(s[end])) end++;
  if (end === start || LETTER.test(s[end] ?? '')) return undefined;
  const value = ENGLISH_NUMBERS.get(s.slice(start, end).toLowerCase());
  return value === undefined ? undefined : { value, end, isWord: true };
};

/**
 * Whether what touches a number makes it something else: a decimal ("7.5"), a thousands separator
 * ("1,000"), a phone number ("555-1234"), a time ("9:30"), or a word ("9am", "3rd").
 */
const isGlued = (s: string, at: number): boolean => {
  const c = s[at];
  if (c === undefined || c === ' ') return false;
  if (isDigit(s[at + 1])) return true;
  return LETTER.test(c) && !SPACELESS_SCRIPT.test(c);
};

const skipSpaces = (s: string, at: number): number => {
  let i = at;
  while (s[i] === ' ') i++;
  return i;
};

/** The index where the comment starts, past spaces and separators but not past an emoticon. */
const skipSeparators = (s: string, at: number): number => {
  let i = at;
  for (;;) {
    const c = s[i];
    if (c === undefined) return i;
    EMOTICON.lastIndex = i;
    if (c !== ' ' && (!SEPARATORS.has(c) || EMOTICON.test(s))) return i;
    i++;
  }
};

const wordAt = (s: string, at: number): string => {
  let end = at;
  while (isAsciiLetter(s[end])) end++;
  return s.slice(at, end).toLowerCase();
};

/** Past "score", "score:", "rating =", "score is". */
const skipLabel = (s: string, at: number): number => {
  const label = wordAt(s, at);
  if (!LABELS.has(label) || LETTER.test(s[at + label.length] ?? '')) return at;
  let i = skipSpaces(s, at + label.length);
  if (s[i] === ':' || s[i] === '=') i = skipSpaces(s, i + 1);
  else if (wordAt(s, i) === 'is') i = skipSpaces(s, i + 2);
  return i;
};

/** The denominator after "/" or "out of", if there is one; `null` when "out of" leads nowhere. */
const readDenominator = (s: string, at: number): { value: number; end: number } | undefined | null => {
  const i = skipSpaces(s, at);
  if (SLASHES.has(s[i] ?? '')) {
    return readNumber(s, skipSpaces(s, i + 1));
  }
  if (s.slice(i, i + 6).toLowerCase() === 'out of' && (s[i + 6] === ' ' || s[i + 6] === undefined)) {
    return readNumber(s, skipSpaces(s, i + 6)) ?? null;
  }
  return undefined;
};

const isAmbiguous = (s: string, commentStart: number): boolean => {
  if (isDigit(s[commentStart])) return true;
  const connector = wordAt(s, commentStart);
  if (!CONNECTORS.has(connector) || s[commentStart + connector.length] !== ' ') return false;
  return readNumber(s, commentStart + connector.length + 1) !== undefined;
};

/** A score at the start of the reply, with the rest as its comment; `undefined` when there is none. */
const readScore = (flat: string, text: string, survey: Survey): SmsReply | undefined => {
  const chinese = readChineseScore(flat);
  if (chinese !== null) {
    return isOnScale(survey, chinese) ? { kind: 'score', score: chinese, comment: '' } : undefined;
  }

  let i = 0;
  while (OPENERS.has(flat[i] ?? '') || flat[i] === ' ') i++;
  const labelled = skipLabel(flat, i);
  const hasLabel = labelled !== i;
  i = labelled;
  if (MINUS_SIGNS.has(flat[i] ?? '')) return undefined;

  const number = readNumber(flat, i);
  if (!number) return undefined;
  i = number.end;

  let hasDenominator = false;
  if (!number.isWord && flat[i] === CHINESE_POINTS) {
    i++;
  } else {
    if (!SLASHES.has(flat[i] ?? '') && isGlued(flat, i)) return undefined;
    const denominator = readDenominator(flat, i);
    if (denominator === null) return undefined;
    if (denominator) {
      if (denominator.value !== SCALES[survey].max) return undefined;
      hasDenominator = true;
      i = denominator.end;
    }
  }
  if (isGlued(flat, i)) return undefined;

  const commentStart = skipSeparators(flat, i);
  if (isAmbiguous(flat, commentStart)) return undefined;
  // A bare number word opens many sentences ("One of the best", "Zero issues"), so it counts only alone,
  // set off by punctuation, labelled, or with a denominator.
  if (number.isWord && !hasLabel && !hasDenominator) {
    const setOff = skipSpaces(flat, i) !== commentStart || flat[i] !== ' ';
    if (!setOff && LETTER_OR_DIGIT.test(flat.slice(commentStart))) return undefined;
  }
  if (!isOnScale(survey, number.value)) return undefined;
  return {
    kind: 'score',
    score: number.value,
    comment: cut(text.slice(commentStart), MAX_SMS_COMMENT_LENGTH),
  };
};

/**
 * Reads an inbound SMS reply to a survey invitation: a carrier keyword, a score on the survey's scale
 * (with any text after it as the comment), or, when the invitation already has a score, a comment.
 *
 * Tolerant but bounded: the text is cut to {@link MAX_SMS_REPLY_LENGTH} characters, NFKC-normalised
 * (full-width digits become ASCII), stripped of zero-width characters and whitespace-collapsed, then read
 * in linear time. Keywords win first. A score must open the reply ("9", "#9", "9/10", "score: 8",
 * "nine!", "九分"); anything off the scale, fractional, or ambiguous ("7 or 8", "555-1234") is unreadable.
 *
 * @param text - the message body as received
 * @param survey - the survey the invitation asked, which sets the scale
 * @param options - see {@link SmsReplyOptions}
 */
export const parseSmsReply = (text: string, survey: Survey, options: SmsReplyOptions = {}): SmsReply => {
  const normalised = normalise(text);
  const keyword = readKeyword(normalised.flat);
  if (keyword) return keyword;
  const score = readScore(normalised.flat, normalised.text, survey);
  if (score) return score;
  const rest = cut(normalised.text, MAX_SMS_COMMENT_LENGTH);
  return options.hasScore && rest !== ''
    ? { kind: 'comment', comment: rest }
    : { kind: 'unreadable', text: rest };
};
