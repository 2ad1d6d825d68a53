import type { Case } from '../../cases/case.js';
import { isTimeZone } from '../../platform/zoned-time.js';
import { categorize, isOnScale, type Survey } from '../../surveys/scales.js';
import type { Day } from '../../surveys/window.js';
import type { ConsoleLang } from '../views.js';
import type { Words } from './words.js';

/*
 * Numbers and times as the lead reads them: digits, separators and dates of their language, times on
 * their clock. Formatters are costly to make and pages are rendered often, so each is made once.
 */

/** What stands for a number that is not there (no answers, nothing sent). */
export const NO_NUMBER = '—';

/** A real minus sign: a hyphen reads as a dash next to a number, and screen readers say it as such. */
const MINUS = '\u2212';

const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

const numberFormat = (lang: ConsoleLang, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let format = made.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(lang, options);
    made.set(key, format);
  }
  return format;
};

const dateFormat = (lang: ConsoleLang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `d|${lang}|${JSON.stringify(options)}`;
  let format = made.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(lang, options);
    made.set(key, format);
  }
  return format;
};

const withMinus = (text: string): string => text.replace('-', MINUS);

/** A count: 1,234 (en), 1,234 (zh-CN). */
export const formatCount = (lang: ConsoleLang, value: number): string =>
  withMinus(numberFormat(lang, { maximumFractionDigits: 0 }).format(value));

/** A score as the API gives it: one decimal where the value has one (32.5, 40), or a dash when null. */
export const formatScore = (lang: ConsoleLang, value: number | null): string =>
  value === null ? NO_NUMBER : withMinus(numberFormat(lang, { maximumFractionDigits: 1 }).format(value));

/** A mean on a survey's scale, always with two decimals (5.40). */
export const formatMean = (lang: ConsoleLang, value: number | null): string =>
  value === null
    ? NO_NUMBER
    : withMinus(numberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value));

/** A percentage given in percent (23.4 → 23.4%), one decimal where it has one. */
export const formatPercent = (lang: ConsoleLang, percent: number | null): string =>
  percent === null
    ? NO_NUMBER
    : withMinus(numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(percent / 100));

/** A change, always signed and with one decimal: +4.2, −3.0, 0.0. */
export const formatChange = (lang: ConsoleLang, value: number): string =>
  withMinus(
    numberFormat(lang, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    }).format(value),
  );

/**
 * A survey's score as its tile shows it: CSAT is a share of satisfied answers (82.5%), NPS a number of
 * points (32.5), CES the mean on 1-7 at one decimal (5.4).
 */
export const formatSurveyScore = (lang: ConsoleLang, survey: Survey, value: number | null): string =>
  survey === 'csat' ? formatPercent(lang, value) : formatScore(lang, value);

/** A margin of error: ± with one decimal (NPS and CSAT points) or two (CES, on its scale). */
export const formatMargin = (lang: ConsoleLang, survey: Survey, value: number | null): string => {
  if (value === null) return NO_NUMBER;
  const decimals = survey === 'ces' ? 2 : 1;
  return `±${numberFormat(lang, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value)}`;
};

/** The zone times are shown in: the lead's, or UTC when it is not one Intl knows. */
export const zoneOrUtc = (timeZone: string): string => (isTimeZone(timeZone) ? timeZone : 'UTC');

/** An instant on the lead's clock: 26 Nov 2026, 05:15 (en), 2026年11月26日 05:15 (zh-CN). */
export const formatTime = (lang: ConsoleLang, timeZone: string, instant: string): string => {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return instant;
  return dateFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zoneOrUtc(timeZone),
  }).format(at);
};

/** A UTC day of the metrics, as a short date: Nov 26 (en), 11月26日 (zh-CN). */
export const formatDay = (lang: ConsoleLang, day: Day): string => {
  const at = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(at)) return day;
  return dateFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(at);
};

/** A span of UTC days: one day alone, or from and to (Nov 17 – Nov 23). */
export const formatDays = (lang: ConsoleLang, from: Day, to: Day): string =>
  from === to ? formatDay(lang, from) : `${formatDay(lang, from)} – ${formatDay(lang, to)}`;

/** A case's headline: its survey, score and the score's category (NPS 3 · Detractor). */
export const caseHeadline = (found: Pick<Case, 'survey' | 'score'>, words: Words): string => {
  const category = isOnScale(found.survey, found.score)
    ? ` · ${words.categoryName[categorize(found.survey, found.score)]}`
    : '';
  return `${words.surveyShort[found.survey]} ${found.score}${category}`;
};
