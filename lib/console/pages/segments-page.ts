import type { BreakdownRow } from '../../aggregates/read-breakdown.js';
import { escapeHtml } from '../../platform/html.js';
import { SURVEYS, type Survey } from '../../surveys/scales.js';
import type { Dimension } from '../../surveys/segments.js';
import type { BreakdownSort, PageContext, SegmentsView } from '../views.js';
import { consoleLayout, pathWith } from './console-layout.js';
import { switchNav, windowSwitch } from './controls.js';
import { formatChange, formatCount, formatMargin, formatPercent, formatSurveyScore } from './format.js';
import { type Words, wordsIn } from './words.js';

/** A column's header: a link that sorts by it (high to low first, then the other way), and which way it is sorted. */
const sortHeader = (
  ctx: PageContext,
  view: SegmentsView,
  sort: BreakdownSort,
  text: string,
  words: Words,
): string => {
  const current = view.sort === sort;
  const next = current ? (view.order === 'desc' ? 'asc' : 'desc') : sort === 'value' ? 'asc' : 'desc';
  const ariaSort = current ? ` aria-sort="${view.order === 'desc' ? 'descending' : 'ascending'}"` : '';
  const arrow = current ? `<span aria-hidden="true">${view.order === 'desc' ? ' ▼' : ' ▲'}</span>` : '';
  return `<th scope="col"${ariaSort}><a class="sort" href="${escapeHtml(
    pathWith(ctx.path, { sort, order: next }),
  )}">${escapeHtml(text)}${arrow}<span class="vh"> ${escapeHtml(words.sortBy)}</span></a></th>`;
};

/** A change against the previous window: its sign and size, and whether it is significant. */
const changeCell = (ctx: PageContext, row: BreakdownRow, words: Words): string => {
  const change = row.change;
  if (!change) return `<td class="muted">${escapeHtml(words.noValue)}</td>`;
  const direction = change.score > 0 ? 'up' : change.score < 0 ? 'down' : '';
  return `<td><span class="${change.significant ? direction : 'muted'}">${escapeHtml(
    formatChange(ctx.lang, change.score),
  )}</span>${change.significant ? ` <span class="badge">${escapeHtml(words.significant)}</span>` : ''}</td>`;
};

const segmentRow = (
  ctx: PageContext,
  survey: Survey,
  by: Dimension,
  row: BreakdownRow,
  words: Words,
): string => {
  const href = pathWith('/console', { [by]: row.value, window: undefined });
  return `<tr data-by="${by}" data-value="${escapeHtml(row.value)}" data-score="${
    row.score === null ? '' : escapeHtml(String(row.score))
  }" data-n="${row.n}"><th scope="row"><a href="${escapeHtml(href)}">${escapeHtml(row.value)}</a>${
    row.lowSample ? ` <span class="badge warn">${escapeHtml(words.lowSample)}</span>` : ''
  }</th><td><b>${escapeHtml(formatSurveyScore(ctx.lang, survey, row.score))}</b></td><td>${escapeHtml(
    formatMargin(ctx.lang, survey, row.marginOfError),
  )}</td><td>${escapeHtml(formatCount(ctx.lang, row.n))}</td>${changeCell(ctx, row, words)}<td>${escapeHtml(
    formatCount(ctx.lang, row.sent),
  )}</td><td>${escapeHtml(formatPercent(ctx.lang, row.responseRate))}</td></tr>`;
};

/**
 * The segments page: one survey's scores by one dimension over the window, a sortable table whose rows
 * each open the segment's own overview, with margins, the change against the previous window and
 * whether it is significant, sends and the response rate.
 */
export const segmentsPage = (ctx: PageContext, view: SegmentsView): string => {
  const words = wordsIn(ctx.lang);
  const { breakdown } = view;
  const { survey, by } = breakdown;
  const surveys = switchNav(
    words.survey,
    SURVEYS.map((one) => ({
      href: pathWith(ctx.path, { survey: one }),
      text: words.surveyShort[one],
      current: one === survey,
    })),
  );
  const dimensions =
    view.dimensions.length > 1
      ? switchNav(
          words.breakDownBy,
          view.dimensions.map((dimension) => ({
            href: pathWith(ctx.path, { by: dimension }),
            text: words.dimensionName[dimension],
            current: dimension === by,
          })),
        )
      : '';
  const head = `<thead><tr>${sortHeader(ctx, view, 'value', words.dimensionName[by], words)}${sortHeader(
    ctx,
    view,
    'score',
    words.score,
    words,
  )}<th scope="col">${escapeHtml(words.marginOfError)}</th>${sortHeader(ctx, view, 'n', words.responses, words)}${sortHeader(
    ctx,
    view,
    'change',
    words.changeVsPrevious,
    words,
  )}<th scope="col">${escapeHtml(words.sent)}</th><th scope="col">${escapeHtml(words.responseRate)}</th></tr></thead>`;
  const table =
    breakdown.segments.length === 0
      ? `<p class="muted">${escapeHtml(words.noAnswers)}</p>`
      : `<div class="scroll"><table class="rows"><caption class="vh">${escapeHtml(
          words.segmentsCaption(
            words.surveyShort[survey],
            words.dimensionName[by],
            words.windowLong[breakdown.window],
          ),
        )}</caption>${head}<tbody>${breakdown.segments
          .map((row) => segmentRow(ctx, survey, by, row, words))
          .join('')}</tbody></table></div>`;
  const body = `<div class="head"><h1>${escapeHtml(words.segments)} <span class="muted small">${escapeHtml(
    `${words.surveyShort[survey]} · ${words.dimensionName[by]} · ${words.windowLong[breakdown.window]}`,
  )}</span></h1>${windowSwitch(ctx, breakdown.window, words)}</div><div class="controls">${surveys}${dimensions}</div><section class="card">${table}</section>`;
  return consoleLayout({ lang: ctx.lang, title: words.segments, body, ctx, section: 'segments' });
};
