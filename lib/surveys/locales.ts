/** The languages every message and page is written in; the stage picks its default among them. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The catalog entry for a customer's language tag: an exact match first (case-insensitive, `_` read
 * as `-`), then the language alone (`en-GB` → `en`, `zh`, `zh-Hans`, `zh-SG` → `zh-CN`), else the
 * stage's default. Traditional Chinese (`zh-TW`, `zh-HK`, `zh-Hant`) is not offered Simplified
 * characters it may not read comfortably: it gets the default.
 */
export const resolveLocale = (requested: string | undefined, fallback: Locale): Locale => {
  if (!requested) return fallback;
  const tag = requested.replace(/_/g, '-').toLowerCase();
  const exact = LOCALES.find((locale) => locale.toLowerCase() === tag);
  if (exact) return exact;
  const [language, ...rest] = tag.split('-');
  if (language === 'en') return 'en';
  if (language === 'zh') {
    const traditional = rest.some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part));
    return traditional ? fallback : 'zh-CN';
  }
  return fallback;
};
