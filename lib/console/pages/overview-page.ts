import { escapeHtml } from '../../platform/html.js';
import type { Window } from '../../surveys/window.js';
import type { OverviewView, PageContext } from '../views.js';
import { caseRow } from './case-row.js';
import { consoleLayout, pathWith } from './console-layout.js';
import { switchNav, windowSwitch } from './controls.js';
import {
  formatChange,
  formatCount,
  formatMargin,
  formatMean,
  formatPercent,
  formatSurveyScore,
} from './format.js';
import { trendChart } from './trend-chart.js';
import { type Words, wordsIn } from './words.js';

type Tile = OverviewView['tiles'][number];

const changeLine = (lang: PageContext['lang'], tile: Tile, words: Words): string => {
  const { change, previous } = tile.metrics;
  if (!change) return `<p class="muted small">${escapeHtml(words.noComparison)}</p>`;
  const direction = change.score > 0 ? 'up' : change.score < 0 ? 'down' : '';
  const arrow = change.score > 0 ? '▲' : change.score < 0 ? '▼' : '';
  const was = previous ? ` (${formatSurveyScore(lang, tile.survey, previous.score)})` : '';
  return `<p class="change"><span class="${change.significant ? direction : 'muted'}">${
    arrow ? `<span aria-hidden="true">${arrow}</span> ` : ''
  }<b>${escapeHtml(formatChange(lang, change.score))}</b></span> <span class="muted">${escapeHtml(
    `${words.changeVsPrevious}${was}`,
  )}</span> <span class="badge">${escapeHtml(
    change.significant ? words.significant : words.notSignificant,
  )}</span></p>`;
};

/** The figures only one survey has: CSAT's and CES's mean, CES's share of easy answers. */
const surveyFacts = (lang: PageContext['lang'], tile: Tile, words: Words): string => {
  const { metrics } = tile;
  switch (metrics.survey) {
    case 'nps':
      return '';
    case 'csat':
      return `<dt>${escapeHtml(words.mean)}</dt><dd>${escapeHtml(formatMean(lang, metrics.mean))}</dd>`;
    case 'ces':
      return `<dt>${escapeHtml(words.mean)}</dt><dd>${escapeHtml(formatMean(lang, metrics.mean))} ${escapeHtml(
        formatMargin(lang, 'ces', metrics.marginOfError),
      )}</dd><dt>${escapeHtml(words.easyShare)}</dt><dd>${escapeHtml(formatPercent(lang, metrics.percentEasy))}</dd>`;
  }
};

/** NPS's promoters, passives and detractors, the counts its score is made of. */
const npsCounts = (lang: PageContext['lang'], tile: Tile, words: Words): string =>
  tile.metrics.survey === 'nps' && tile.metrics.n > 0
    ? `<p class="small muted">${escapeHtml(
        words.breakdown(
          formatCount(lang, tile.metrics.promoters),
          formatCount(lang, tile.metrics.passives),
          formatCount(lang, tile.metrics.detractors),
        ),
      )}</p>`
    : '';

const scoreTile = (ctx: PageContext, tile: Tile, window: Window, words: Words): string => {
  const { lang } = ctx;
  const { metrics, survey } = tile;
  const id = `tile-${survey}`;
  const figure = `<p class="figure"><span class="big">${escapeHtml(
    formatSurveyScore(lang, survey, metrics.score),
  )}</span>${
    metrics.marginOfError === null
      ? ''
      : `<span class="moe"><span class="vh">${escapeHtml(words.marginOfError)} </span>${escapeHtml(
          formatMargin(lang, survey, metrics.marginOfError),
        )}</span>`
  }${metrics.lowSample ? `<span class="badge warn">${escapeHtml(words.lowSample)}</span>` : ''}</p>`;
  const facts = `<dl class="facts"><dt>${escapeHtml(words.responses)}</dt><dd>${escapeHtml(
    formatCount(lang, metrics.n),
  )}</dd><dt>${escapeHtml(words.sent)}</dt><dd>${escapeHtml(formatCount(lang, metrics.sent))}</dd><dt>${escapeHtml(
    words.responseRate,
  )}</dt><dd>${escapeHtml(formatPercent(lang, metrics.responseRate))}</dd>${surveyFacts(lang, tile, words)}</dl>${npsCounts(lang, tile, words)}`;
  return `<article class="card tile" aria-labelledby="${id}" data-survey="${survey}" data-window="${window}" data-score="${
    metrics.score === null ? '' : escapeHtml(String(metrics.score))
  }" data-n="${metrics.n}"><h2 id="${id}">${escapeHtml(words.surveyTitle[survey])}</h2>${figure}${
    metrics.score === null ? `<p class="muted">${escapeHtml(words.noAnswers)}</p>` : ''
  }${changeLine(lang, tile, words)}${facts}${trendChart(lang, survey, tile.trend, metrics.score, words)}</article>`;
};

const casesWaiting = (ctx: PageContext, cases: OverviewView['cases'], words: Words): string => {
  const { lang } = ctx;
  const waiting = `${formatCount(lang, cases.waiting.length)}${cases.more ? '+' : ''}`;
  const counts = `<p class="counts"><span>${escapeHtml(words.waitingCount(waiting))}</span><span class="${
    cases.overdueIds.length > 0 ? 'down' : 'muted'
  }">${escapeHtml(words.overdueCount(formatCount(lang, cases.overdueIds.length)))}</span></p>`;
  const list =
    cases.waiting.length === 0
      ? `<p class="muted">${escapeHtml(words.noCasesWaiting)}</p>`
      : `<ol class="cases">${cases.waiting.map((found) => caseRow(ctx, found, words, cases.overdueIds.includes(found.caseId))).join('')}</ol>`;
  return `<section class="card" aria-labelledby="cases-waiting"><h2 id="cases-waiting">${escapeHtml(
    words.casesWaiting,
  )}</h2>${counts}${list}<p><a href="/console/cases">${escapeHtml(words.allCases)}</a></p></section>`;
};

/**
 * The overview: a tile per survey for the window (score, n, margin, low-sample badge, change against
 * the previous window and whether it is significant, sent and response rate, and its trend as a
 * chart with its numbers in a table), and the cases waiting, those past their SLA marked.
 */
export const overviewPage = (ctx: PageContext, view: OverviewView): string => {
  const words = wordsIn(ctx.lang);
  const { segment } = view;
  const whose = segment
    ? words.segmentOf(words.dimensionName[segment.dimension], segment.value)
    : words.overall;
  // A lead of some teams switches between them; anyone else goes back to everyone's scores.
  const teams =
    view.teams && view.teams.length > 1
      ? switchNav(
          words.yourTeams,
          view.teams.map((team) => ({
            href: pathWith(ctx.path, { team }),
            text: team,
            current: segment?.dimension === 'team' && segment.value === team,
          })),
        )
      : '';
  const back =
    segment && !view.teams
      ? `<p><a href="${escapeHtml(pathWith(ctx.path, { [segment.dimension]: undefined }))}">${escapeHtml(
          `← ${words.overall}`,
        )}</a></p>`
      : '';
  const body = `<div class="head"><h1>${escapeHtml(words.overview)} <span class="muted small">${escapeHtml(
    `${whose} · ${words.windowLong[view.window]}`,
  )}</span></h1>${windowSwitch(ctx, view.window, words)}</div>${teams ? `<div class="controls">${teams}</div>` : ''}${back}<div class="tiles">${view.tiles
    .map((tile) => scoreTile(ctx, tile, view.window, words))
    .join('')}</div>${casesWaiting(ctx, view.cases, words)}`;
  return consoleLayout({ lang: ctx.lang, title: words.overview, body, ctx, section: 'overview' });
};
