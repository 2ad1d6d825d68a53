import { escapeHtml } from '../../platform/html.js';
import type { ConsoleLang, PageContext } from '../views.js';
import { consoleLayout } from './console-layout.js';
import { wordsIn } from './words.js';

/**
 * What an unknown page or case shows, in the lead's language, with the way back to the overview. A
 * case the lead may not open shows the same, so that the page says nothing of whether it exists.
 */
export const notFoundPage = (lang: ConsoleLang, lead?: PageContext['lead']): string => {
  const words = wordsIn(lang);
  const body = `<div class="card narrow"><h1>${escapeHtml(words.notFound)}</h1><p>${escapeHtml(
    words.notFoundText,
  )}</p><p><a class="btn" href="/console">${escapeHtml(words.backToOverview)}</a></p></div>`;
  return consoleLayout({ lang, title: words.notFound, body, lead });
};
