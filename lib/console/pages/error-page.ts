import type { ValidationError } from '../../platform/errors.js';
import { escapeHtml } from '../../platform/html.js';
import type { ConsoleLang } from '../views.js';
import { consoleLayout } from './console-layout.js';
import { wordsIn } from './words.js';

/**
 * What a page asked for wrongly shows, in the lead's language: a 400 names each wrong part of the
 * address and what it must be; a 403 names what lies outside the teams the lead works.
 */
export const errorPage = (lang: ConsoleLang, status: 400 | 403, cause: ValidationError | string): string => {
  const words = wordsIn(lang);
  const title = status === 400 ? words.badRequest : words.outsideTeams;
  const detail =
    typeof cause === 'string'
      ? `<p>${escapeHtml(words.outsideTeamsText(cause))}</p>`
      : `<ul class="issues">${cause.issues
          .map(
            ({ field, message }) =>
              `<li><b>${escapeHtml(field)}</b>${escapeHtml(words.colon)}${escapeHtml(message)}</li>`,
          )
          .join('')}</ul>`;
  const body = `<div class="card narrow"><h1>${escapeHtml(title)}</h1>${detail}<p><a class="btn" href="/console">${escapeHtml(
    words.backToOverview,
  )}</a></p></div>`;
  return consoleLayout({ lang, title, body });
};
