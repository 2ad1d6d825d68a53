import { escapeHtml } from '../../platform/html.js';
import type { SignInView } from '../views.js';
import { consoleLayout, pathWith } from './console-layout.js';
import { wordsIn } from './words.js';

/**
 * The local sign-in page (on one machine): an email field for one of the stage's leads, and, when the
 * last try was refused, why, tied to the field. It carries no CSRF token: there is no session yet, and
 * the route guards the login itself.
 */
export const signInPage = (view: SignInView): string => {
  const words = wordsIn(view.lang);
  const refused = view.refused?.trim();
  const error =
    view.refused === undefined
      ? ''
      : `<p id="email-error" class="error">${escapeHtml(refused ? words.notALead(refused) : words.enterEmail)}</p>`;
  const body = `<div class="card narrow"><h1>${escapeHtml(words.signIn)}</h1><p class="muted">${escapeHtml(
    words.signInIntro,
  )}</p><form method="post" action="/console/sign-in"><input type="hidden" name="returnTo" value="${escapeHtml(
    view.returnTo,
  )}"><label for="email">${escapeHtml(words.emailAddress)}</label><input id="email" name="email" type="email" autocomplete="username" inputmode="email" spellcheck="false" required${
    error ? ` aria-invalid="true" aria-describedby="email-error" value="${escapeHtml(refused ?? '')}"` : ''
  }>${error}<button type="submit" class="btn">${escapeHtml(words.signIn)}</button></form></div>`;
  return consoleLayout({
    lang: view.lang,
    title: words.signIn,
    body,
    switchPath: pathWith('/console/sign-in', { returnTo: view.returnTo }),
  });
};
