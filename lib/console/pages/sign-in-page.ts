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

/** Why a sign-in through the managed login came back refused. */
export type SignInRefusal =
  | { reason: 'elsewhere' | 'spent' | 'not-completed' }
  | { reason: 'not-a-lead'; email: string };

/**
 * A sign-in through the managed login that the callback refused: why, in the lead's language, and
 * the way to start again (`again`: the sign-in, or the managed login's sign-out first when the pool
 * signed in someone who is not a lead, which would otherwise sign them in again at once).
 */
export const signInRefusedPage = (
  lang: SignInView['lang'],
  refusal: SignInRefusal,
  again: string,
): string => {
  const words = wordsIn(lang);
  const why =
    refusal.reason === 'not-a-lead'
      ? words.notALead(refusal.email)
      : refusal.reason === 'elsewhere'
        ? words.signInElsewhere
        : refusal.reason === 'spent'
          ? words.signInSpent
          : words.signInNotCompleted;
  const body = `<div class="card narrow"><h1>${escapeHtml(words.signInFailed)}</h1><p>${escapeHtml(
    why,
  )}</p><p><a class="btn" href="${escapeHtml(again)}">${escapeHtml(words.signInAgain)}</a></p></div>`;
  return consoleLayout({ lang, title: words.signInFailed, body });
};
