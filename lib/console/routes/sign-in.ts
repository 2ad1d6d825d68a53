import { layout } from '../../platform/http/page-layout.js';
import { notFoundPage } from '../pages/not-found-page.js';
import { signInPage } from '../pages/sign-in-page.js';
import { consoleCookie, page, type Reply, redirect } from '../replies.js';
import { type ConsoleRequest, returnPathOf, SESSION_COOKIE } from '../request.js';
import type { Asked, ConsoleDeps, ConsoleRoute } from '../route.js';
import { newSessionId, SESSION_HOURS, type Session, sessionFor } from '../sessions.js';

/** A lead's session from the request's cookie, or null without a valid one. */
export const signedIn = async (
  request: ConsoleRequest,
  deps: ConsoleDeps,
): Promise<{ id: string; session: Session } | null> => {
  const id = request.cookies.get(SESSION_COOKIE);
  if (!id || !/^[\w-]{43}$/.test(id)) return null;
  const session = await deps.sessions.find(id, deps.clock.now());
  return session ? { id, session } : null;
};

/** Where a request without a session goes: a page to sign-in, and back; a form nowhere (403). */
export const toSignIn = (request: ConsoleRequest): Reply =>
  request.method === 'GET'
    ? redirect(`/console/sign-in?returnTo=${encodeURIComponent(request.asked)}`)
    : page(403, notFoundPage(request.lang));

/**
 * `/console/sign-in`: on one machine, a form with the lead's email, accepting the stage's `leads`; a
 * lead signed in gets a new session and goes back to the page they asked for.
 */
export const signIn = async (request: ConsoleRequest, deps: ConsoleDeps): Promise<Reply> => {
  if (deps.signIn !== 'local') {
    // The user pool's managed login (authorization code with PKCE) is the next step of the console.
    return page(
      501,
      layout(
        'Pulse',
        '<h1>Sign-in through the stage’s managed login is not set up yet.</h1><p>Leads read the API with their ID token meanwhile.</p>',
        request.lang,
      ),
    );
  }
  if (request.method === 'GET') {
    return page(200, signInPage({ lang: request.lang, returnTo: returnPathOf(request.query.returnTo) }));
  }
  // Login forms are a target of their own: a cross-site POST signs no one in.
  if (!request.sameOrigin) return page(403, notFoundPage(request.lang));
  const email = (request.form.get('email') ?? '').trim().toLowerCase();
  const returnTo = returnPathOf(request.form.get('returnTo'));
  const lead = deps.leads.find((known) => known.email.toLowerCase() === email);
  if (!lead) return page(403, signInPage({ lang: request.lang, returnTo, refused: email || ' ' }));
  return startSession(lead, returnTo, deps);
};

/** A new session for a lead who proved who they are, and the way back to the page they asked for. */
export const startSession = async (
  lead: ConsoleDeps['leads'][number],
  returnTo: string,
  deps: ConsoleDeps,
): Promise<Reply> => {
  const id = newSessionId();
  await deps.sessions.keep(id, sessionFor(lead, deps.clock.now()));
  return redirect(returnTo, [consoleCookie(deps.publicUrl, SESSION_COOKIE, id, SESSION_HOURS * 3600)]);
};

/** `POST /console/sign-out`: the session ends at once, its cookie with it. */
export const signOutRoute: ConsoleRoute = {
  path: /^\/console\/sign-out$/,
  act: async ({ sessionId, deps }: Asked) => {
    await deps.sessions.end(sessionId);
    return redirect('/console/sign-in', [consoleCookie(deps.publicUrl, SESSION_COOKIE, '', 0)]);
  },
};
