import { describe, expect, it } from 'vitest';
import { html, json } from './responses.js';

const HSTS = 'max-age=63072000; includeSubDomains';

/** The directives of a Content-Security-Policy, by name. */
const directivesOf = (policy: unknown): Map<string, string> =>
  new Map(
    String(policy)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...values]) => [name as string, values.join(' ')]),
  );

describe('responses', () => {
  it.each([
    ['a JSON answer', json(200, { ok: true })],
    ['a JSON error', json(500, { error: 'internal error' })],
    ['a page', html(200, '<p>hi</p>')],
    ['an error page', html(404, '<p>no</p>')],
  ])('keeps browsers on HTTPS for two years, subdomains included, in %s', (_name, response) => {
    expect(response.headers?.['strict-transport-security']).toBe(HSTS);
  });

  it.each([
    ['without a script', html(200, '<p>hi</p>')],
    ['with its hashed script', html(200, '<p>hi</p>', { scriptHashes: ['abc='] })],
  ])("lets no <base> re-base a page's links and form, %s", (_name, response) => {
    const directives = directivesOf(response.headers?.['content-security-policy']);

    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'self'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
  });
});
