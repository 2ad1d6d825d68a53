import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { errorPage } from './pages/error-page.js';
import { notFoundPage } from './pages/not-found-page.js';
import { consoleCookie, page, type Reply, withCookies } from './replies.js';
import { type ConsoleRequest, LANG_COOKIE, requestOf } from './request.js';
import { type Asked, type ConsoleBaseDeps, type ConsoleRoute, contextOf } from './route.js';
import { finishSignIn, signedIn, signIn, toSignIn } from './routes/sign-in.js';
import { isSessionToken } from './sessions.js';

/**
 * The console's pages and forms: every path under `/console`, GET and POST. Without a session a page
 * sends the lead to sign-in and back, and a form changes nothing (403); a form must carry its
 * session's token and come from a console page (403). A wrong parameter is a 400 page, a thing outside
 * the lead's teams a 403 page, an unknown thing a 404 page, in the lead's language, never JSON.
 */
export const routeWith =
  <D extends ConsoleBaseDeps>(routes: readonly ConsoleRoute<D>[]) =>
  async (event: APIGatewayProxyEventV2, deps: D): Promise<Reply> => {
    const request = requestOf(event);
    let reply: Reply;
    try {
      reply = await answer(request, deps, routes);
    } catch (error) {
      if (error instanceof NotFoundError) reply = page(404, notFoundPage(request.lang));
      else if (error instanceof ForbiddenError) reply = page(403, errorPage(request.lang, 403, error.field));
      else if (error instanceof ValidationError) reply = page(400, errorPage(request.lang, 400, error));
      else throw error;
    }
    // A language chosen with `?lang` is kept for the lead's next pages.
    return request.switchedLang && request.method === 'GET'
      ? withCookies(reply, [consoleCookie(deps.publicUrl, LANG_COOKIE, request.lang, 365 * 86_400)])
      : reply;
  };

const routeOf = <D extends ConsoleBaseDeps>(
  routes: readonly ConsoleRoute<D>[],
  path: string,
): { route: ConsoleRoute<D>; parts: string[] } | null => {
  for (const route of routes) {
    const match = route.path.exec(path);
    if (match) return { route, parts: match.slice(1) };
  }
  return null;
};

const answer = async <D extends ConsoleBaseDeps>(
  request: ConsoleRequest,
  deps: D,
  routes: readonly ConsoleRoute<D>[],
): Promise<Reply> => {
  if (request.path === '/console/sign-in') return signIn(request, deps);
  if (request.path === '/console/callback') return finishSignIn(request, deps);
  const current = await signedIn(request, deps);
  if (!current) return toSignIn(request);
  const asked: Asked<D> = {
    request,
    session: current.session,
    sessionId: current.id,
    ctx: contextOf(request, current.session),
    deps,
  };
  const found = routeOf(routes, request.path);
  if (request.method === 'POST') {
    // Every state-changing form carries its session's token, and comes from a console page.
    if (!request.sameOrigin || !isSessionToken(current.session, request.form.get('csrf') ?? undefined)) {
      return page(403, notFoundPage(request.lang, asked.ctx.lead));
    }
    if (found?.route.act) return found.route.act(asked, found.parts);
  } else if (found?.route.read) {
    return found.route.read(asked, found.parts);
  }
  return page(404, notFoundPage(request.lang, asked.ctx.lead));
};
