import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CONSOLE_LANGS, type ConsoleLang } from './views.js';

/** The cookie that carries a lead's session id. */
export const SESSION_COOKIE = 'pulse_session';
/** The cookie that binds a sign-in through the managed login to the browser that started it: its `state`. */
export const LOGIN_COOKIE = 'pulse_login';
/** The cookie that keeps a lead's language switch. */
export const LANG_COOKIE = 'pulse_lang';

/** One request to the console, read once: method, path, query, cookies, form and language. */
export interface ConsoleRequest {
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
  /** Whether `?lang` switched the language on this request, which a cookie then keeps. */
  switchedLang: boolean;
}

/** Cookies as API Gateway's payload 2.0 hands them over: `name=value` strings. */
const cookiesOf = (event: APIGatewayProxyEventV2): Map<string, string> =>
  new Map(
    (event.cookies ?? []).flatMap((cookie) => {
      const split = cookie.indexOf('=');
      return split > 0 ? [[cookie.slice(0, split).trim(), cookie.slice(split + 1).trim()] as const] : [];
    }),
  );

const isConsoleLang = (lang: string | undefined): lang is ConsoleLang =>
  CONSOLE_LANGS.includes(lang as ConsoleLang);

/** The lead's language: asked for by `?lang`, else kept from an earlier switch, else the browser's. */
const langOf = (
  query: Record<string, string | undefined>,
  cookies: Map<string, string>,
  accept = '',
): ConsoleLang => {
  const chosen = [query.lang, cookies.get(LANG_COOKIE)].find(isConsoleLang);
  if (chosen) return chosen;
  const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
};

/** The page as asked, less a notice of an action already done, which a language switch would repeat. */
const askedPathOf = (path: string, rawQuery: string | undefined): string => {
  const query = new URLSearchParams(rawQuery ?? '');
  query.delete('done');
  const kept = query.toString();
  return kept ? `${path}?${kept}` : path;
};

export const requestOf = (event: APIGatewayProxyEventV2): ConsoleRequest => {
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
    asked: askedPathOf(event.rawPath, event.rawQueryString),
    switchedLang: isConsoleLang(query.lang),
  };
};

/** A console path to go back to after sign-in; anything else (another site, a scheme) is the overview. */
export const returnPathOf = (value: string | null | undefined): string =>
  value && /^\/console(?:[/?][^\s\\]*)?$/.test(value) && !value.startsWith('//') ? value : '/console';
