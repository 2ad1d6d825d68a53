import { timingSafeEqual } from 'node:crypto';
import {
  codeChallengeOf,
  LOGIN_MINUTES,
  type ManagedSignIn,
  newCodeVerifier,
  newLoginState,
  type SignInFlow,
} from '../managed-login.js';
import { notFoundPage } from '../pages/not-found-page.js';
import { type SignInRefusal, signInPage, signInRefusedPage } from '../pages/sign-in-page.js';
import { consoleCookie, page, type Reply, redirect, withCookies } from '../replies.js';
import { type ConsoleRequest, LOGIN_COOKIE, returnPathOf, SESSION_COOKIE } from '../request.js';
import type { Asked, ConsoleBaseDeps, ConsoleRoute } from '../route.js';
import { newSessionId, SESSION_HOURS, type Session, sessionFor } from '../sessions.js';

/** A lead's session from the request's cookie, or null without a valid one. */
export const signedIn = async (
  request: ConsoleRequest,
  deps: ConsoleBaseDeps,
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

/** A URL of the console, under the stage's base URL (the managed login knows it by its whole URL). */
const consoleUrl = (publicUrl: string, path: string): string => `${publicUrl.replace(/\/+$/, '')}${path}`;
const callbackUrl = (publicUrl: string) => consoleUrl(publicUrl, '/console/callback');

/**
 * `/console/sign-in`. On one machine: a form with the lead's email, accepting the stage's `leads`; a
 * lead signed in gets a new session and goes back to the page they asked for. On AWS: off to the user
 * pool's managed login (see `startManagedLogin`).
 */
export const signIn = async (request: ConsoleRequest, deps: ConsoleBaseDeps): Promise<Reply> => {
  if (deps.signIn.kind === 'cognito') {
    return request.method === 'GET'
      ? startManagedLogin(request, deps, deps.signIn)
      : page(404, notFoundPage(request.lang));
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

/**
 * The start of a sign-in through the managed login (authorization code with PKCE, RFC 7636): a new
 * `state` and code verifier, kept server-side for ten minutes with the page to go back to; the
 * `state` in a short-lived cookie too, which binds the sign-in to this browser; and a redirect to the
 * managed login with the verifier's S256 challenge.
 */
const startManagedLogin = async (
  request: ConsoleRequest,
  deps: ConsoleBaseDeps,
  managed: ManagedSignIn,
): Promise<Reply> => {
  const state = newLoginState();
  const verifier = newCodeVerifier();
  const expiresAt = new Date(deps.clock.now().getTime() + LOGIN_MINUTES * 60_000).toISOString();
  await flowOf(managed).pending.keep(state, {
    verifier,
    returnTo: returnPathOf(request.query.returnTo),
    expiresAt,
  });
  const authorize = new URL('/oauth2/authorize', managed.loginUrl);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: managed.clientId,
    redirect_uri: callbackUrl(deps.publicUrl),
    scope: 'openid email',
    state,
    code_challenge: codeChallengeOf(verifier),
    code_challenge_method: 'S256',
    // The managed login's own pages in the lead's language where it has it.
    lang: request.lang === 'zh-CN' ? 'zh-CN' : 'en',
  }).toString();
  return redirect(authorize.toString(), [
    consoleCookie(deps.publicUrl, LOGIN_COOKIE, state, LOGIN_MINUTES * 60),
  ]);
};

/** The sign-in flow's parts: only the pages' function has them (see {@link ManagedSignIn}). */
const flowOf = (managed: ManagedSignIn): SignInFlow => {
  if (!managed.flow) throw new Error('this function does not sign leads in');
  return managed.flow;
};

/** Whether two texts are the same, compared in constant time. */
const sameText = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * `GET /console/callback?code=&state=`: where the managed login sends the lead back. The sign-in is
 * finished only by the browser that started it (the login cookie's `state` is the one handed back,
 * else 403), once (its pending sign-in is taken by a conditional delete: unknown, expired or taken
 * already is 400), with a code the token endpoint exchanges for this sign-in's verifier (else 400),
 * whose ID token is the pool's for the console's client and names one of the stage's leads (else
 * 403). Then a session starts as with the local sign-in, and the lead goes to the page they asked
 * for. Every refusal clears the login cookie and starts no session.
 */
export const finishSignIn = async (request: ConsoleRequest, deps: ConsoleBaseDeps): Promise<Reply> => {
  if (deps.signIn.kind !== 'cognito' || request.method !== 'GET')
    return page(404, notFoundPage(request.lang));
  const managed = deps.signIn;
  const flow = flowOf(managed);
  const clearLogin = consoleCookie(deps.publicUrl, LOGIN_COOKIE, '', 0);
  const refuse = (status: 400 | 403, refusal: SignInRefusal, returnTo = '/console'): Reply => {
    const again =
      refusal.reason === 'not-a-lead'
        ? signOutUrl(managed, deps.publicUrl)
        : `/console/sign-in?returnTo=${encodeURIComponent(returnTo)}`;
    return page(status, signInRefusedPage(request.lang, refusal, again), [clearLogin]);
  };

  const { state, code, error } = request.query;
  const bound = request.cookies.get(LOGIN_COOKIE);
  if (!state || !bound || !sameText(state, bound)) return refuse(403, { reason: 'elsewhere' });
  // Taken whatever comes next: a sign-in is tried once, and a refused one cannot be tried again.
  const pending = await flow.pending.take(state, deps.clock.now());
  if (!pending) return refuse(400, { reason: 'spent' });
  if (error !== undefined || !code) return refuse(400, { reason: 'not-completed' }, pending.returnTo);
  const tokens = await flow.login.exchange({
    code,
    codeVerifier: pending.verifier,
    redirectUri: callbackUrl(deps.publicUrl),
  });
  if (!tokens) return refuse(400, { reason: 'not-completed' }, pending.returnTo);
  const who = await flow.tokens.verify(tokens.idToken);
  if (!who) return refuse(403, { reason: 'not-completed' }, pending.returnTo);
  const email = who.email.toLowerCase();
  const lead = deps.leads.find((known) => known.email.toLowerCase() === email);
  if (!lead) return refuse(403, { reason: 'not-a-lead', email: who.email });
  return withCookies(await startSession(lead, returnPathOf(pending.returnTo), deps), [clearLogin]);
};

/** A new session for a lead who proved who they are, and the way back to the page they asked for. */
export const startSession = async (
  lead: ConsoleBaseDeps['leads'][number],
  returnTo: string,
  deps: ConsoleBaseDeps,
): Promise<Reply> => {
  const id = newSessionId();
  await deps.sessions.keep(id, sessionFor(lead, deps.clock.now()));
  return redirect(returnTo, [consoleCookie(deps.publicUrl, SESSION_COOKIE, id, SESSION_HOURS * 3600)]);
};

/** The managed login's sign-out, which comes back to the console's sign-in. */
const signOutUrl = (managed: ManagedSignIn, publicUrl: string): string => {
  const logout = new URL('/logout', managed.loginUrl);
  logout.search = new URLSearchParams({
    client_id: managed.clientId,
    logout_uri: consoleUrl(publicUrl, '/console/sign-in'),
  }).toString();
  return logout.toString();
};

/**
 * `POST /console/sign-out`: the session ends at once, its cookie with it; on AWS the managed login's
 * session too, so that the next sign-in asks for the password again.
 */
export const signOutRoute: ConsoleRoute<ConsoleBaseDeps> = {
  path: /^\/console\/sign-out$/,
  act: async ({ sessionId, deps }: Asked<ConsoleBaseDeps>) => {
    await deps.sessions.end(sessionId);
    const then =
      deps.signIn.kind === 'cognito' ? signOutUrl(deps.signIn, deps.publicUrl) : '/console/sign-in';
    return redirect(then, [consoleCookie(deps.publicUrl, SESSION_COOKIE, '', 0)]);
  },
};
