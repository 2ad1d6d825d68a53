import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { type MetricsDeps, readMetrics, readTrend } from '../aggregates/read-metrics.js';
import { CASE_STATUSES, type Case, type CaseStatus, isOverdue, RESOLUTION_REASONS } from '../cases/case.js';
import { acknowledgeCase, type CaseViewDeps, viewCase } from '../cases/cases.js';
import { type ResolveDeps, resolveCase } from '../cases/resolve-case.js';
import type { Clock } from '../platform/clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import { escapeHtml } from '../platform/html.js';
import { layout } from '../platform/http/page-layout.js';
import { html } from '../platform/http/responses.js';
import type { Lead } from '../settings/access.js';
import type { CaseSla } from '../settings/cases.js';
import type { Taxonomy } from '../settings/topics.js';
import { SURVEYS } from '../surveys/scales.js';
import { type Window, WindowSchema } from '../surveys/window.js';
import { casePage } from './pages/case-page.js';
import { casesPage } from './pages/cases-page.js';
import { notFoundPage } from './pages/not-found-page.js';
import { overviewPage } from './pages/overview-page.js';
import { signInPage } from './pages/sign-in-page.js';
import {
  isSessionToken,
  newSessionId,
  SESSION_HOURS,
  type Session,
  type SessionStore,
  sessionFor,
} from './sessions.js';
import {
  type CasesView,
  CONSOLE_LANGS,
  type ConsoleLang,
  type OverviewView,
  type PageContext,
} from './views.js';

/** What the console needs: sessions, the stage's leads, and the use cases its pages read and work. */
export interface ConsoleDeps {
  sessions: SessionStore;
  leads: readonly Lead[];
  /** How leads sign in: the local runtime's page, or the user pool's managed login. */
  signIn: 'local' | 'cognito';
  /** The stage's base URL: cookies are `Secure` when it is https. */
  publicUrl: string;
  clock: Clock;
  metrics: MetricsDeps;
  caseView: CaseViewDeps;
  sla: CaseSla;
  /** The stage's topics, whose names the pages show. */
  taxonomy: Taxonomy;
  /** Resolving a case (it may invite the customer to the recovery survey): the forms' function only. */
  resolve?: ResolveDeps;
}

const SESSION_COOKIE = 'pulse_session';
const LANG_COOKIE = 'pulse_lang';
const WINDOW_DAYS: Record<Window, { days: number; bucket: 'day' | 'week' }> = {
  '7d': { days: 7, bucket: 'day' },
  '30d': { days: 30, bucket: 'day' },
  '90d': { days: 90, bucket: 'week' },
};

/** One request to the console, read once: method, path, query, cookies, form and language. */
interface ConsoleRequest {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  cookies: Map<string, string>;
  form: URLSearchParams;
  lang: ConsoleLang;
  /** Whether the browser says the request came from this site (a form of a console page). */
  sameOrigin: boolean;
  /** The path and query as asked, for the language switch and the return after sign-in. */
  asked: string;
}

const cookiesOf = (event: APIGatewayProxyEventV2): Map<string, string> =>
  new Map(
    (event.cookies ?? []).flatMap((cookie) => {
      const split = cookie.indexOf('=');
      return split > 0 ? [[cookie.slice(0, split).trim(), cookie.slice(split + 1).trim()] as const] : [];
    }),
  );

/** The lead's language: asked for by `?lang`, else kept from an earlier switch, else the browser's. */
const langOf = (
  query: Record<string, string | undefined>,
  cookies: Map<string, string>,
  accept = '',
): ConsoleLang => {
  const chosen = [query.lang, cookies.get(LANG_COOKIE)].find((lang): lang is ConsoleLang =>
    CONSOLE_LANGS.includes(lang as ConsoleLang),
  );
  if (chosen) return chosen;
  const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
};

const askedPathOf = (path: string, rawQuery: string | undefined): string => {
  const query = new URLSearchParams(rawQuery ?? '');
  query.delete('done');
  const kept = query.toString();
  return kept ? `${path}?${kept}` : path;
};

const requestOf = (event: APIGatewayProxyEventV2): ConsoleRequest => {
  const query = event.queryStringParameters ?? {};
  const cookies = cookiesOf(event);
  const body = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  const headers = event.headers ?? {};
  const origin = headers.origin;
  const site = headers['sec-fetch-site'];
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    query,
    cookies,
    form: new URLSearchParams(body),
    lang: langOf(query, cookies, headers['accept-language']),
    // A browser says where a form came from by Sec-Fetch-Site, and by Origin (`null` under some
    // referrer policies): either naming another site refuses the form.
    sameOrigin:
      (site === undefined || site === 'same-origin') &&
      (origin === undefined ||
        origin === `https://${headers.host}` ||
        origin === `http://${headers.host}` ||
        (origin === 'null' && site === 'same-origin')),
    // The page as asked, less a notice of an action already done, which a language switch would repeat.
    asked: askedPathOf(event.rawPath, event.rawQueryString),
  };
};

/** A console path to go back to after sign-in; anything else (another site, a scheme) is the overview. */
const returnPathOf = (value: string | null | undefined): string =>
  value && /^\/console(?:[/?][^\s\\]*)?$/.test(value) && !value.startsWith('//') ? value : '/console';

const cookie = (deps: ConsoleDeps, name: string, value: string, maxAgeSeconds: number): string =>
  `${name}=${value}; Path=/console; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${
    deps.publicUrl.startsWith('https:') ? '; Secure' : ''
  }`;

/**
 * A console page: the platform's strict headers, but a referrer policy that lets the browser name
 * the console as its forms' origin (the customers' pages send no referrer, for their links' tokens).
 */
const page = (status: number, body: string, cookies: string[] = []): APIGatewayProxyStructuredResultV2 => {
  const answer = html(status, body);
  return {
    ...answer,
    headers: { ...answer.headers, 'referrer-policy': 'same-origin' },
    ...(cookies.length > 0 ? { cookies } : {}),
  };
};

const redirect = (location: string, cookies: string[] = []): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
  ...(cookies.length > 0 ? { cookies } : {}),
});

/** A lead's session and the context of their pages, or null without a valid one. */
const signedIn = async (
  request: ConsoleRequest,
  deps: ConsoleDeps,
): Promise<{ id: string; session: Session } | null> => {
  const id = request.cookies.get(SESSION_COOKIE);
  if (!id || !/^[\w-]{43}$/.test(id)) return null;
  const session = await deps.sessions.find(id, deps.clock.now());
  return session ? { id, session } : null;
};

const contextOf = (request: ConsoleRequest, session: Session): PageContext => ({
  lang: request.lang,
  lead: {
    email: session.lead.email,
    ...('teams' in session.lead && session.lead.teams ? { teams: session.lead.teams } : {}),
  },
  timeZone: ('timeZone' in session.lead && session.lead.timeZone) || 'UTC',
  csrf: session.csrf,
  path: request.asked,
});

const teamsOf = (lead: Lead): readonly string[] | undefined => ('teams' in lead ? lead.teams : undefined);

/** Whether a lead may read and work a case: every case without `teams`, else their teams' only. */
const mayWork = (lead: Lead, opened: Pick<Case, 'team'>): boolean => {
  const teams = teamsOf(lead);
  return teams === undefined || teams.includes(opened.team);
};

const overviewOf = async (lead: Lead, window: Window, deps: ConsoleDeps): Promise<OverviewView> => {
  const teams = teamsOf(lead);
  // A team-scoped lead's scores are their teams' segments, one set of tiles each.
  const segments = teams ? teams.map((team) => ({ team })) : [{}];
  const tiles = await Promise.all(
    segments.flatMap((segment) =>
      SURVEYS.map(async (survey) => ({
        survey,
        metrics: await readMetrics({ survey, window, compare: 'previous', ...segment }, deps.metrics),
        trend: await readTrend({ survey, ...WINDOW_DAYS[window], ...segment }, deps.metrics),
      })),
    ),
  );
  const lists = await Promise.all(
    (['open', 'acknowledged'] as const).flatMap((status) =>
      (teams ?? [undefined]).map((team) => deps.caseView.cases.list({ status, team, limit: 50 })),
    ),
  );
  const waiting = lists
    .flatMap((list) => list.cases)
    .sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0))
    .slice(0, 50);
  return {
    window,
    tiles,
    cases: {
      waiting,
      overdueIds: overdueIdsOf(waiting, deps),
      more: lists.some((list) => list.next !== undefined),
    },
  };
};

const CaseStatusSchema = z.enum(CASE_STATUSES);

/** The cases open past their SLA now, whether or not the escalation has found them yet. */
const overdueIdsOf = (cases: readonly Case[], deps: ConsoleDeps): string[] => {
  const now = deps.clock.now();
  return cases
    .filter(
      (kept) => isOverdue(kept, deps.sla, now) || (kept.status === 'open' && kept.escalatedAt !== undefined),
    )
    .map(({ caseId }) => caseId);
};

/** Each topic's name in the lead's language, by id. */
const topicNamesIn = (taxonomy: Taxonomy, lang: ConsoleLang): Record<string, string> =>
  Object.fromEntries(
    taxonomy.map((topic) => [topic.id, lang === 'zh-CN' ? topic.labels.zh : topic.labels.en]),
  );

/**
 * A page of the cases of one status a lead may work, newest first: every team's, or their team's,
 * paged; for a lead of several teams, each team's newest page merged, without paging.
 */
const casesOf = async (
  lead: Lead,
  status: CaseStatus,
  after: string | undefined,
  deps: ConsoleDeps,
): Promise<CasesView> => {
  const teams = teamsOf(lead);
  if (teams === undefined || teams.length === 1) {
    const page = await deps.caseView.cases.list({ status, team: teams?.[0], limit: 50, after });
    return { status, cases: page.cases, overdueIds: overdueIdsOf(page.cases, deps), next: page.next };
  }
  const pages = await Promise.all(teams.map((team) => deps.caseView.cases.list({ status, team, limit: 50 })));
  const cases = pages
    .flatMap((one) => one.cases)
    .sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0))
    .slice(0, 50);
  return { status, cases, overdueIds: overdueIdsOf(cases, deps) };
};

const caseIdOf = (path: string): { caseId: string; action?: string } | null => {
  const match = /^\/console\/cases\/([\w-]{1,64})(?:\/(acknowledge|resolve))?$/.exec(path);
  return match ? { caseId: match[1] as string, ...(match[2] ? { action: match[2] } : {}) } : null;
};

/**
 * Why an action on a case was refused, in the lead's language: the case moved meanwhile (someone
 * else acknowledged or resolved it), or a field of the form was wrong, named.
 */
const refusalIn = (lang: ConsoleLang, error: ConflictError | ValidationError): string => {
  if (error instanceof ValidationError) {
    const fields = error.issues.map(({ field }) => field).join(', ');
    return lang === 'zh-CN' ? `请检查：${fields}。` : `Check ${fields}: ${error.message}.`;
  }
  return lang === 'zh-CN'
    ? `未完成：该案例的状态刚刚已变更（${error.message}）。`
    : `Not done: ${error.message}.`;
};

const NOTICES: Record<string, { kind: 'done' | 'refused'; en: string; 'zh-CN': string }> = {
  acknowledged: { kind: 'done', en: 'Acknowledged: the case is yours.', 'zh-CN': '已确认：此案例由您跟进。' },
  resolved: { kind: 'done', en: 'Resolved.', 'zh-CN': '已解决。' },
};

/**
 * The console's pages and forms: every path under `/console`, GET and POST. A wrong parameter is a
 * 400 page and an unknown thing a 404 page, in the lead's language, never JSON.
 */
export const routeConsole = async (
  event: APIGatewayProxyEventV2,
  deps: ConsoleDeps,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const request = requestOf(event);
  try {
    return await answerConsole(request, deps);
  } catch (error) {
    if (error instanceof NotFoundError) return page(404, notFoundPage(request.lang));
    if (error instanceof ValidationError) {
      const fields = error.issues.map(({ field, message }) => `${field}: ${message}`).join('; ');
      return page(
        400,
        layout('Pulse', `<h1>${escapeHtml(fields)}</h1><p><a href="/console">Pulse</a></p>`, request.lang),
      );
    }
    throw error;
  }
};

const answerConsole = async (
  request: ConsoleRequest,
  deps: ConsoleDeps,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const langCookies =
    request.query.lang && CONSOLE_LANGS.includes(request.query.lang as ConsoleLang)
      ? [cookie(deps, LANG_COOKIE, request.lang, 365 * 86_400)]
      : [];
  const { method, path } = request;

  if (path === '/console/sign-in') {
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
    if (method === 'GET') {
      return page(
        200,
        signInPage({ lang: request.lang, returnTo: returnPathOf(request.query.returnTo) }),
        langCookies,
      );
    }
    // Login forms are a target of their own: a cross-site POST signs no one in.
    if (!request.sameOrigin) return page(403, notFoundPage(request.lang));
    const email = (request.form.get('email') ?? '').trim().toLowerCase();
    const returnTo = returnPathOf(request.form.get('returnTo'));
    const lead = deps.leads.find((known) => known.email.toLowerCase() === email);
    if (!lead) {
      return page(403, signInPage({ lang: request.lang, returnTo, refused: email || ' ' }));
    }
    const id = newSessionId();
    await deps.sessions.keep(id, sessionFor(lead, deps.clock.now()));
    return redirect(returnTo, [cookie(deps, SESSION_COOKIE, id, SESSION_HOURS * 3600)]);
  }

  const current = await signedIn(request, deps);
  if (!current) {
    if (method !== 'GET') return page(403, notFoundPage(request.lang));
    return redirect(`/console/sign-in?returnTo=${encodeURIComponent(request.asked)}`, langCookies);
  }
  const { session } = current;
  const context = contextOf(request, session);

  if (method === 'POST') {
    // Every state-changing form carries its session's token, and comes from a console page.
    if (!request.sameOrigin || !isSessionToken(session, request.form.get('csrf') ?? undefined)) {
      return page(403, notFoundPage(request.lang, context.lead));
    }
    if (path === '/console/sign-out') {
      await deps.sessions.end(current.id);
      return redirect('/console/sign-in', [cookie(deps, SESSION_COOKIE, '', 0)]);
    }
    const target = caseIdOf(path);
    if (!target?.action) return page(404, notFoundPage(request.lang, context.lead));
    const found = await deps.caseView.cases.get(target.caseId);
    if (!found) return page(404, notFoundPage(request.lang, context.lead));
    if (!mayWork(session.lead, found)) return page(403, notFoundPage(request.lang, context.lead));
    try {
      if (target.action === 'acknowledge') {
        await acknowledgeCase(target.caseId, { actor: session.lead.email }, deps.caseView);
      } else {
        if (!deps.resolve) throw new Error('this function does not resolve cases');
        await resolveCase(
          target.caseId,
          {
            reason: request.form.get('reason') ?? undefined,
            note: request.form.get('note') ?? '',
            actor: session.lead.email,
          },
          deps.resolve,
        );
      }
    } catch (error) {
      if (error instanceof ConflictError || error instanceof ValidationError) {
        const view = await viewCase(target.caseId, deps.caseView);
        return page(
          error instanceof ConflictError ? 409 : 400,
          casePage(context, {
            case: view,
            showContacts: mayWork(session.lead, view),
            reasons: RESOLUTION_REASONS,
            topicNames: topicNamesIn(deps.taxonomy, request.lang),
            notice: { kind: 'refused', text: refusalIn(request.lang, error) },
          }),
        );
      }
      throw error;
    }
    return redirect(
      `/console/cases/${target.caseId}?done=${target.action === 'acknowledge' ? 'acknowledged' : 'resolved'}`,
    );
  }

  if (path === '/console' || path === '/console/') {
    const window = WindowSchema.safeParse(request.query.window ?? '30d');
    if (!window.success) throw new ValidationError([{ field: 'window', message: 'must be 7d, 30d or 90d' }]);
    return page(200, overviewPage(context, await overviewOf(session.lead, window.data, deps)), langCookies);
  }
  if (path === '/console/cases') {
    const status = CaseStatusSchema.safeParse(request.query.status ?? 'open');
    if (!status.success)
      throw new ValidationError([{ field: 'status', message: 'must be open, acknowledged or resolved' }]);
    return page(
      200,
      casesPage(context, await casesOf(session.lead, status.data, request.query.after, deps)),
      langCookies,
    );
  }
  const target = caseIdOf(path);
  if (target && !target.action) {
    let view: Awaited<ReturnType<typeof viewCase>>;
    try {
      view = await viewCase(target.caseId, deps.caseView);
    } catch (error) {
      if (error instanceof NotFoundError)
        return page(404, notFoundPage(request.lang, context.lead), langCookies);
      throw error;
    }
    if (!mayWork(session.lead, view)) return page(403, notFoundPage(request.lang, context.lead));
    const done = NOTICES[request.query.done ?? ''];
    return page(
      200,
      casePage(context, {
        case: view,
        showContacts: mayWork(session.lead, view),
        reasons: RESOLUTION_REASONS,
        topicNames: topicNamesIn(deps.taxonomy, request.lang),
        notice: done ? { kind: done.kind, text: done[request.lang] } : undefined,
      }),
      langCookies,
    );
  }
  return page(404, notFoundPage(request.lang, context.lead), langCookies);
};
