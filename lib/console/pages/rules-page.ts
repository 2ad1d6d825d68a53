import { escapeHtml } from '../../platform/html.js';
import type { PageContext, RulesView } from '../views.js';
import { consoleLayout } from './console-layout.js';
import { formatCount, formatPercent, formatSurveyScore, formatTime } from './format.js';
import { trendChart } from './trend-chart.js';
import { type Words, wordsIn } from './words.js';

type Shown = RulesView['rules'][number];

/** Where a rule stands, as its badge says. */
const standing = ({ state }: Shown, words: Words): { kind: string; text: string } => {
  if (state === null) return { kind: '', text: words.ruleNotJudged };
  if (state.status === 'below') return { kind: 'below', text: words.ruleBelow };
  return state.episode > 0 ? { kind: 'ok', text: words.ruleRecovered } : { kind: 'ok', text: words.ruleOk };
};

const ruleCard = (ctx: PageContext, shown: Shown, minSample: number, words: Words, index: number): string => {
  const { rule, state, now, trend } = shown;
  const { lang } = ctx;
  const onRate = rule.metric === 'responseRate';
  const value = (figure: number | null) =>
    onRate ? formatPercent(lang, figure) : formatSurveyScore(lang, rule.survey, figure);
  const segment = (['team', 'agent', 'channel', 'touchpoint'] as const).find((dimension) => rule[dimension]);
  const title = [
    words.surveyShort[rule.survey],
    onRate ? words.responseRateRule : '',
    segment ? words.segmentOf(words.dimensionName[segment], rule[segment] as string) : words.overall,
    words.windowLong[rule.window],
  ]
    .filter(Boolean)
    .join(' · ');
  const badge = standing(shown, words);
  const id = `rule-${index}`;
  const facts = [
    [
      words.watching,
      `${value(onRate ? now.responseRate : now.score)} (${words.responses}${words.colon}${formatCount(lang, now.n)})`,
    ],
    state?.fellAt ? [words.fellAt, formatTime(lang, ctx.timeZone, state.fellAt)] : null,
    state && state.status === 'ok' && state.episode > 0
      ? [words.recoveredAt, formatTime(lang, ctx.timeZone, state.changedAt)]
      : null,
  ]
    .filter((row): row is [string, string] => row !== null)
    .map(([name, text]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(text)}</dd>`)
    .join('');
  const chart = onRate ? '' : trendChart(lang, rule.survey, trend, now.score, words);
  return `<article class="card" aria-labelledby="${id}" data-rule="${escapeHtml(
    `${rule.survey}/${rule.window}/${segment ? `${segment}=${rule[segment]}` : 'all'}${onRate ? '/responseRate' : ''}`,
  )}" data-state="${state?.status ?? 'unjudged'}"><div class="rule-head"><h2 id="${id}">${escapeHtml(title)}</h2><span class="badge ${
    badge.kind
  }">${escapeHtml(badge.text)}</span></div><p class="small muted">${escapeHtml(
    words.ruleLine(
      value(rule.below),
      value(rule.recoverAt ?? rule.below),
      rule.minSample === undefined ? formatCount(lang, minSample) : formatCount(lang, rule.minSample),
    ),
  )}${state && state.episode > 0 ? ` ${escapeHtml(words.alertsSoFar(formatCount(lang, state.episode)))}` : ''}</p><dl class="facts">${facts}</dl>${chart}</article>`;
};

/** The metric rules page: each rule, where it stands, its line and the trend it watches. */
export const rulesPage = (ctx: PageContext, view: RulesView): string => {
  const words = wordsIn(ctx.lang);
  const content =
    view.rules.length === 0
      ? `<section class="card"><p class="muted">${escapeHtml(words.noRules)}</p></section>`
      : `<div class="rule-grid">${view.rules.map((shown, index) => ruleCard(ctx, shown, view.minSample, words, index)).join('')}</div>`;
  const body = `<div class="head"><h1>${escapeHtml(words.rules)}</h1></div><div class="stack"><p class="muted">${escapeHtml(
    words.rulesIntro,
  )}</p>${content}</div>`;
  return consoleLayout({ lang: ctx.lang, title: words.rules, body, ctx, section: 'rules' });
};
