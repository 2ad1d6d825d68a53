import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createHandler as getInvitation } from '../functions/get-invitation.js';
import { createHandler as recordAnswer } from '../functions/record-answer.js';
import { createHandler as showSurvey } from '../functions/show-survey.js';
import { createHandler as showUnsubscribe } from '../functions/show-unsubscribe.js';
import { createHandler as unsubscribe } from '../functions/unsubscribe.js';
import { FUNCTIONS } from '../infra/wiring.js';
import { freshStores, type HttpAnswer, httpCaller, httpEvent, linkDeps } from './support/handlers.js';
import { aSentInvitation, linkToken } from './support/samples.js';

/*
 * Every page a customer opens, and the JSON of the APIs, keep the browser on HTTPS (HSTS) and every page
 * forbids a <base> that would re-base its links and form: on success and on error alike.
 */

const HSTS = 'max-age=63072000; includeSubDomains';

type PageHandlerFactory = (
  deps: Awaited<ReturnType<typeof linkDeps>>,
) => (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

/** Each public route's handler and fixture; a public route missing here fails the first test. */
const PAGES: Record<string, { createHandler: PageHandlerFactory; fixture: string }> = {
  'show-survey': { createHandler: showSurvey, fixture: 'get-survey-page' },
  'record-answer': { createHandler: recordAnswer, fixture: 'post-survey-answer' },
  'show-unsubscribe': { createHandler: showUnsubscribe, fixture: 'get-unsubscribe' },
  unsubscribe: { createHandler: unsubscribe, fixture: 'post-unsubscribe' },
};

const publicFunctions = FUNCTIONS.filter(
  (spec) => spec.trigger.kind === 'http' && spec.trigger.auth === 'public',
);

/** The page a public function answers for a link of Ana's invitation, its token signed with `key`. */
const pageOf = async (name: string, key?: string): Promise<HttpAnswer> => {
  const page = PAGES[name];
  if (!page) throw new Error(`no page handler for ${name}`);
  const deps = await linkDeps(
    aSentInvitation({ customer: { id: 'c-981', email: 'ana@example.com' } }),
    '2026-11-26T10:15:02Z',
  );
  const purpose = page.fixture.includes('unsubscribe') ? 'unsubscribe' : 'survey';
  const call = httpCaller(page.createHandler(deps));
  return call(httpEvent(page.fixture, { pathParameters: { token: linkToken(purpose, key) } }));
};

/** The directives of a Content-Security-Policy, by name. */
const directivesOf = (policy: string | undefined): Map<string, string> =>
  new Map(
    String(policy)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...values]) => [name as string, values.join(' ')]),
  );

describe('security headers', () => {
  it('covers every public route', () => {
    expect(publicFunctions.map((spec) => spec.name).sort()).toEqual(Object.keys(PAGES).sort());
  });

  it.each(publicFunctions.map((spec) => [spec.name]))(
    '%s answers its page with HSTS and base-uri none',
    async (name) => {
      const answer = await pageOf(name);

      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.headers['strict-transport-security']).toBe(HSTS);
      expect(directivesOf(answer.headers['content-security-policy']).get('base-uri')).toBe("'none'");
    },
  );

  it.each(publicFunctions.map((spec) => [spec.name]))(
    '%s answers a changed link with a 404 page with HSTS and base-uri none',
    async (name) => {
      const answer = await pageOf(name, 'another-key');

      expect(answer.statusCode).toBe(404);
      expect(answer.headers['strict-transport-security']).toBe(HSTS);
      expect(directivesOf(answer.headers['content-security-policy']).get('base-uri')).toBe("'none'");
    },
  );

  it('answers JSON with HSTS, found or not', async () => {
    const { invitations, responses, labels } = await freshStores();
    await invitations.create(aSentInvitation());
    const call = httpCaller(getInvitation({ invitations, responses, labels }));

    const found = await call(httpEvent('get-invitation'));
    const missing = await call(httpEvent('get-invitation', { pathParameters: { interactionId: 'zd-0' } }));

    expect([found.statusCode, missing.statusCode]).toEqual([200, 404]);
    for (const answer of [found, missing]) {
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.headers['strict-transport-security']).toBe(HSTS);
    }
  });
});
