import type { TrendAnswer } from '../../aggregates/read-metrics.js';
import { escapeHtml } from '../../platform/html.js';
import type { Survey } from '../../surveys/scales.js';
import { WINDOW_DAYS, type Window } from '../../surveys/window.js';
import type { OverviewView, PageContext } from '../views.js';
import { caseRow } from './case-row.js';
import { consoleLayout, pathWith } from './console-layout.js';
import {
  formatChange,
  formatCount,
  formatDay,
  formatDays,
  formatMargin,
  formatMean,
  formatPercent,
  formatSurveyScore,
} from './format.js';
import { type Words, wordsIn } from './words.js';

type Tile = OverviewView['tiles'][number];

const WINDOWS = Object.keys(WINDOW_DAYS) as Window[];

/**
 * The lowest and highest a survey's score can be, which a chart's scale never goes past, and the
 * narrowest span it shows, so that a flat trend does not look like a storm.
 */
const BOUNDS: Record<Survey, { min: number; max: number; span: number }> = {
  nps: { min: -100, max: 100, span: 10 },
  csat: { min: 0, max: 100, span: 10 },
  ces: { min: 1, max: 7, span: 0.5 },
};

const CHART = { width: 320, height: 88, top: 8, bottom: 80, left: 6, right: 314 };

const windowSwitch = (ctx: PageContext, current: Window, words: Words): string =>
  `<nav class="switch" aria-label="${escapeHtml(words.period)}"><ul>${WINDOWS.map(
    (window) =>
      `<li><a href="${escapeHtml(pathWith(ctx.path, { window }))}"${
        window === current ? ' aria-current="page"' : ''
      }>${escapeHtml(words.window[window])}</a></li>`,
  ).join('')}</ul></nav>`;

/** The scale of a chart: the points' own range, padded, no narrower than a survey's usual noise. */
const scaleOf = (survey: Survey, values: number[]): ((value: number) => number) => {
  const bounds = BOUNDS[survey];
  let low = Math.min(...values);
  let high = Math.max(...values);
  const pad = Math.max((high - low) * 0.15, (bounds.span - (high - low)) / 2, 0);
  low = Math.max(bounds.min, low - pad);
  high = Math.min(bounds.max, high + pad);
  const range = high - low || 1;
  return (value) => CHART.bottom - ((value - low) / range) * (CHART.bottom - CHART.top);
};

const rounded = (value: number): string => String(Math.round(value * 10) / 10);

/**
 * The trend as a line over its points (a day or week without answers breaks it), the window's score
 * dashed across, and every number in a table beside it for those who cannot see the line.
 */
const trendChart = (lang: PageContext['lang'], tile: Tile, words: Words): string => {
  const { survey, trend } = tile;
  const points = trend.points;
  const scored = points.filter((point) => point.score !== null);
  const latest = scored.at(-1);
  const label = words.trendLabel(
    words.surveyShort[survey],
    trend.bucket,
    formatDay(lang, trend.from),
    formatDay(lang, trend.to),
    latest ? formatSurveyScore(lang, survey, latest.score) : words.noValue,
  );
  let drawing = '';
  if (scored.length > 0) {
    const y = scaleOf(
      survey,
      [...scored.map((point) => point.score as number), tile.metrics.score].filter(
        (value): value is number => value !== null,
      ),
    );
    const step = points.length > 1 ? (CHART.right - CHART.left) / (points.length - 1) : 0;
    const x = (index: number) => (points.length > 1 ? CHART.left + index * step : CHART.width / 2);
    let path = '';
    let drawingLine = false;
    const dots: string[] = [];
    points.forEach((point, index) => {
      if (point.score === null) {
        drawingLine = false;
        return;
      }
      path += `${drawingLine ? 'L' : 'M'}${rounded(x(index))} ${rounded(y(point.score))}`;
      drawingLine = true;
      dots.push(
        `<circle class="dot" cx="${rounded(x(index))}" cy="${rounded(y(point.score))}" r="${
          points.length > 20 ? 2.5 : 3
        }"/>`,
      );
    });
    const average =
      tile.metrics.score === null
        ? ''
        : `<line class="avg" x1="0" x2="${CHART.width}" y1="${rounded(y(tile.metrics.score))}" y2="${rounded(
            y(tile.metrics.score),
          )}"/>`;
    drawing = `${average}<path class="line" d="${path}"/>${dots.join('')}`;
  }
  const svg = `<svg class="chart" viewBox="0 0 ${CHART.width} ${CHART.height}" role="img" aria-label="${escapeHtml(
    label,
  )}"><g aria-hidden="true"><rect class="frame" width="${CHART.width}" height="${CHART.height}" rx="6"/>${drawing}</g></svg>`;
  const ends = `<p class="ends" aria-hidden="true"><span>${escapeHtml(formatDay(lang, trend.from))}</span><span>${escapeHtml(
    formatDay(lang, trend.to),
  )}</span></p>`;
  return `<div class="trend">${svg}${ends}${trendTable(lang, survey, trend, words)}</div>`;
};

const trendTable = (lang: PageContext['lang'], survey: Survey, trend: TrendAnswer, words: Words): string => {
  const rows = trend.points
    .map(
      (point) =>
        `<tr><th scope="row">${escapeHtml(
          trend.bucket === 'day' ? formatDay(lang, point.from) : formatDays(lang, point.from, point.to),
        )}</th><td>${escapeHtml(formatSurveyScore(lang, survey, point.score))}</td><td>${escapeHtml(
          formatMargin(lang, survey, point.marginOfError),
        )}</td><td>${escapeHtml(formatCount(lang, point.n))}</td></tr>`,
    )
    .join('');
  return `<details><summary>${escapeHtml(words.chartNumbers)}</summary><table><thead><tr><th scope="col">${escapeHtml(
    trend.bucket === 'day' ? words.day : words.week,
  )}</th><th scope="col">${escapeHtml(words.score)}</th><th scope="col">${escapeHtml(
    words.marginOfError,
  )}</th><th scope="col">${escapeHtml(words.responses)}</th></tr></thead><tbody>${rows}</tbody></table></details>`;
};

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
  }${changeLine(lang, tile, words)}${facts}${trendChart(lang, tile, words)}</article>`;
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
  const body = `<div class="head"><h1>${escapeHtml(words.overview)} <span class="muted small">${escapeHtml(
    words.windowLong[view.window],
  )}</span></h1>${windowSwitch(ctx, view.window, words)}</div><div class="tiles">${view.tiles
    .map((tile) => scoreTile(ctx, tile, view.window, words))
    .join('')}</div>${casesWaiting(ctx, view.cases, words)}`;
  return consoleLayout({ lang: ctx.lang, title: words.overview, body, ctx, section: 'overview' });
};
