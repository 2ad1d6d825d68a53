import type { FeedbackEntry } from '../../feedback/entry.js';
import { escapeHtml } from '../../platform/html.js';
import type { PageContext } from '../views.js';
import { casePath } from './console-layout.js';
import { formatTime } from './format.js';
import type { Words } from './words.js';

/**
 * One answer as the feedback list and the topics' examples show it: its score and category, when and
 * where it came from, the comment as the customer wrote it, its labels, and its case when it has one.
 */
export const answerItem = (
  ctx: PageContext,
  entry: FeedbackEntry,
  words: Words,
  topicNames: Readonly<Record<string, string>>,
): string => {
  const where = [
    `${words.team}${words.colon}${entry.team}`,
    entry.agent ? `${words.agent}${words.colon}${entry.agent}` : '',
    `${words.channel}${words.colon}${entry.channel}`,
    `${words.touchpoint}${words.colon}${entry.touchpoint}`,
  ]
    .filter(Boolean)
    .map((part) => `<span>${escapeHtml(part)}</span>`)
    .join('');
  const labels = [
    entry.sentiment ? `<li class="badge">${escapeHtml(words.sentimentName[entry.sentiment])}</li>` : '',
    ...(entry.topics ?? []).map(
      (topic) => `<li class="badge">${escapeHtml(topicNames[topic] ?? topic)}</li>`,
    ),
  ].join('');
  return `<li data-interaction-id="${escapeHtml(entry.interactionId)}"><div class="answer-line"><span class="score ${
    entry.category
  }" aria-hidden="true">${entry.score}</span><b>${escapeHtml(
    `${words.surveyShort[entry.survey]} ${entry.score} · ${words.categoryName[entry.category]}`,
  )}</b><time class="muted small" datetime="${escapeHtml(entry.answeredAt)}">${escapeHtml(
    formatTime(ctx.lang, ctx.timeZone, entry.answeredAt),
  )}</time>${entry.suspect ? `<span class="badge warn">${escapeHtml(words.suspectHeld)}</span>` : ''}${
    entry.caseId
      ? `<a class="small" href="${escapeHtml(casePath(entry.caseId))}">${escapeHtml(words.openCase)}</a>`
      : ''
  }</div><p class="case-meta">${where}</p>${
    entry.comment ? `<blockquote>${escapeHtml(entry.comment)}</blockquote>` : ''
  }${labels ? `<ul class="pills" aria-label="${escapeHtml(words.topics)}">${labels}</ul>` : ''}</li>`;
};
