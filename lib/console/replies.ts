import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { html } from '../platform/http/responses.js';

/** What the console answers: a page, a redirect or a download. */
export type Reply = APIGatewayProxyStructuredResultV2;

/**
 * A cookie of the console: only its paths see it, no script reads it, no other site's request carries
 * it, and over https it travels encrypted only.
 */
export const consoleCookie = (
  publicUrl: string,
  name: string,
  value: string,
  maxAgeSeconds: number,
): string =>
  `${name}=${value}; Path=/console; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${
    publicUrl.startsWith('https:') ? '; Secure' : ''
  }`;

/**
 * A console page: the platform's strict headers, but a referrer policy that lets the browser name
 * the console as its forms' origin (the customers' pages send no referrer, for their links' tokens).
 */
export const page = (status: number, body: string, cookies: string[] = []): Reply => {
  const answer = html(status, body);
  return {
    ...answer,
    headers: { ...answer.headers, 'referrer-policy': 'same-origin' },
    ...(cookies.length > 0 ? { cookies } : {}),
  };
};

/** "See other": after a form, or to sign-in. */
export const redirect = (location: string, cookies: string[] = []): Reply => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
  ...(cookies.length > 0 ? { cookies } : {}),
});

/** A reply with `cookies` added to those it sets. */
export const withCookies = (reply: Reply, cookies: string[]): Reply =>
  cookies.length === 0 ? reply : { ...reply, cookies: [...(reply.cookies ?? []), ...cookies] };
