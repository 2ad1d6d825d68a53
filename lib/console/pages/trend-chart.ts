import type { TrendAnswer } from '../../aggregates/read-metrics.js';
import { escapeHtml } from '../../platform/html.js';
import type { Survey } from '../../surveys/scales.js';
import type { ConsoleLang } from '../views.js';
import { formatCount, formatDay, formatDays, formatMargin, formatSurveyScore } from './format.js';
import type { Words } from './words.js';

/*
 * A score's trend as an inline SVG line drawn on the server, with its numbers in a table beside it:
 * the overview's tiles and the metric rules draw the same chart.
 */

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
export const trendChart = (
  lang: ConsoleLang,
  survey: Survey,
  trend: TrendAnswer,
  windowScore: number | null,
  words: Words,
): string => {
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
      [...scored.map((point) => point.score as number), windowScore].filter(
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
      windowScore === null
        ? ''
        : `<line class="avg" x1="0" x2="${CHART.width}" y1="${rounded(y(windowScore))}" y2="${rounded(
            y(windowScore),
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

const trendTable = (lang: ConsoleLang, survey: Survey, trend: TrendAnswer, words: Words): string => {
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
