import type { Case } from '../../cases/case.js';
import { escapeHtml } from '../../platform/html.js';
import type { PageContext } from '../views.js';
import { casePath } from './console-layout.js';
import { caseHeadline, formatTime } from './format.js';
import type { Words } from './words.js';

/** How much of a comment a row of a list of cases shows. */
const EXCERPT_CHARACTERS = 160;

const excerptOf = (comment: string): string => {
  const characters = Array.from(comment.trim());
  return characters.length > EXCERPT_CHARACTERS
    ? `${characters.slice(0, EXCERPT_CHARACTERS).join('').trimEnd()}…`
    : characters.join('');
};

/** One case in a list (the overview's cases waiting, the cases page): a link to it, and what it is about. */
export const caseRow = (ctx: PageContext, found: Case, words: Words, overdue: boolean): string => {
  const { lang } = ctx;
  const meta = [
    [words.team, escapeHtml(found.team)],
    [words.agent, escapeHtml(found.agent ?? '—')],
    [
      words.opened,
      `<time datetime="${escapeHtml(found.openedAt)}">${escapeHtml(formatTime(lang, ctx.timeZone, found.openedAt))}</time>`,
    ],
  ]
    .map(([name, value]) => `<span><b>${escapeHtml(name as string)}</b> ${value}</span>`)
    .join('');
  const comment = found.comment.trim()
    ? `<p class="excerpt">“${escapeHtml(excerptOf(found.comment))}”</p>`
    : '';
  return `<li data-case-id="${escapeHtml(found.caseId)}"><div class="case-line"><a href="${escapeHtml(casePath(found.caseId))}">${escapeHtml(caseHeadline(found, words))} <span class="muted small">${escapeHtml(
    found.interactionId,
  )}</span></a><span class="badge ${found.status}"><span class="vh">${escapeHtml(words.status)}${words.colon}</span>${escapeHtml(
    words.statusName[found.status],
  )}</span>${
    found.severity === 'low'
      ? ''
      : `<span class="badge ${found.severity}">${escapeHtml(words.severityLevel[found.severity])}</span>`
  }${overdue ? `<span class="badge late">${escapeHtml(words.overdue)}</span>` : ''}</div><p class="case-meta">${meta}</p>${comment}</li>`;
};
