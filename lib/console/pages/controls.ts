import { escapeHtml } from '../../platform/html.js';
import { WINDOW_DAYS, type Window } from '../../surveys/window.js';
import type { PageContext } from '../views.js';
import { pathWith } from './console-layout.js';
import type { Words } from './words.js';

/** One choice of a switch: where it leads, what it says, and whether it is the one shown. */
export interface SwitchChoice {
  href: string;
  text: string;
  current: boolean;
}

/** A row of links of which one is the page shown (a period, a survey, a dimension, a status). */
export const switchNav = (label: string, choices: readonly SwitchChoice[]): string =>
  `<nav class="switch" aria-label="${escapeHtml(label)}"><ul>${choices
    .map(
      ({ href, text, current }) =>
        `<li><a href="${escapeHtml(href)}"${current ? ' aria-current="page"' : ''}>${escapeHtml(text)}</a></li>`,
    )
    .join('')}</ul></nav>`;

const WINDOWS = Object.keys(WINDOW_DAYS) as Window[];

/** The period switch: this page over 7, 30 or 90 days. */
export const windowSwitch = (ctx: PageContext, current: Window, words: Words): string =>
  switchNav(
    words.period,
    WINDOWS.map((window) => ({
      href: pathWith(ctx.path, { window, after: undefined }),
      text: words.window[window],
      current: window === current,
    })),
  );
