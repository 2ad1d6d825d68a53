/**
 * The languages Amazon Comprehend's DetectSentiment reads: every language of its `LanguageCode` (the
 * developer guide's "Languages supported in Amazon Comprehend": sentiment, all supported languages).
 */
export const COMPREHEND_LANGUAGES = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'ar',
  'hi',
  'ja',
  'ko',
  'zh',
  'zh-TW',
] as const;
export type ComprehendLanguage = (typeof COMPREHEND_LANGUAGES)[number];

const ONE_SCRIPT: ReadonlySet<string> = new Set(['en', 'es', 'fr', 'de', 'it', 'pt', 'ar', 'hi', 'ja', 'ko']);
/** Chinese written in Traditional characters, as the tag says it (script or region). */
const TRADITIONAL = new Set(['hant', 'tw', 'hk', 'mo']);
const CJK_LANGUAGES: ReadonlySet<ComprehendLanguage> = new Set(['zh', 'zh-TW', 'ja', 'ko']);

/**
 * The Comprehend language of a customer's language tag (`en-GB` → `en`, `zh-CN` and `zh-Hans` → `zh`,
 * `zh-TW`, `zh-HK` and `zh-Hant` → `zh-TW`, `pt-BR` → `pt`), or undefined for a language Comprehend
 * does not read.
 */
export const comprehendLanguageOfLocale = (locale: string | undefined): ComprehendLanguage | undefined => {
  if (!locale) return undefined;
  const [language = '', ...rest] = locale.trim().replace(/_/g, '-').toLowerCase().split('-');
  if (language === 'zh') return rest.some((part) => TRADITIONAL.has(part)) ? 'zh-TW' : 'zh';
  return ONE_SCRIPT.has(language) ? (language as ComprehendLanguage) : undefined;
};

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LETTER_OR_IDEOGRAPH = /[\p{L}\p{Nl}]+/gu;

/**
 * Counts what a text is written in: each CJK character one unit (it is about a word), each run of other
 * letters (a word) one unit.
 */
const scriptsOf = (text: string) => {
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let words = 0;
  for (const run of text.match(LETTER_OR_IDEOGRAPH) ?? []) {
    let inWord = false;
    for (const character of run) {
      if (HAN.test(character)) han += 1;
      else if (KANA.test(character)) kana += 1;
      else if (HANGUL.test(character)) hangul += 1;
      else {
        if (!inWord) words += 1;
        inWord = true;
        continue;
      }
      inWord = false;
    }
  }
  return { han, kana, hangul, cjk: han + kana + hangul, words };
};

/**
 * The language of a comment read from its characters alone: mostly CJK characters is Chinese (Japanese
 * when it has kana, Korean when Hangul is most of it), anything else English.
 */
export const detectCommentLanguage = (text: string): 'en' | 'zh' | 'ja' | 'ko' => {
  const scripts = scriptsOf(text);
  if (scripts.cjk === 0 || scripts.cjk <= scripts.words) return 'en';
  if (scripts.hangul > scripts.han + scripts.kana) return 'ko';
  return scripts.kana > 0 ? 'ja' : 'zh';
};

/**
 * The `LanguageCode` a comment is sent to Comprehend with: the invitation's locale when Comprehend reads
 * it, unless the text plainly contradicts it (a comment mostly in CJK characters under a locale written
 * in another script, or one with no CJK character at all under a Chinese, Japanese or Korean locale: a
 * customer who answered in another language than the survey's); otherwise the language read from the
 * text.
 */
export const comprehendLanguageOf = (locale: string | undefined, text: string): ComprehendLanguage => {
  const fromLocale = comprehendLanguageOfLocale(locale);
  const detected = detectCommentLanguage(text);
  if (!fromLocale) return detected;
  const scripts = scriptsOf(text);
  if (CJK_LANGUAGES.has(fromLocale)) return scripts.cjk === 0 && scripts.words > 0 ? detected : fromLocale;
  return detected === 'en' ? fromLocale : detected;
};
