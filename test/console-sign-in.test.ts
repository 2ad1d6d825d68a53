import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../infra/local/runtime.js';
import { DESKTOP, launchChromium } from './support/browser.js';
import { type ManagedLoginStandIn, startManagedLoginStandIn } from './support/managed-login-stand-in.js';

/*
 * The console's sign-in as on AWS, in Debian's chromium through the local runtime: the lead goes to
 * an authorization server standing in for Cognito's managed login (on another site), signs in there
 * and comes back with a code the console exchanges with its PKCE verifier. A callback with another
 * browser's state, a code used already, or a code asked for with another sign-in's challenge is
 * refused and starts no session; signing out ends the managed login's session too.
 */

const LEAD = 'lead@pulse.local';
const CLIENT_ID = 'pulseconsole';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let standIn: ManagedLoginStandIn;
let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  standIn = await startManagedLoginStandIn({
    clientId: CLIENT_ID,
    // Signed by the local user pool for the console's client, as Cognito signs its ID tokens.
    idTokenFor: (email) => runtime.leadIssuer.signIn(email, new Date(), { aud: CLIENT_ID })?.idToken ?? null,
  });
  [runtime, browser] = await Promise.all([
    startLocalRuntime({
      port: 0,
      apiToken: 'test-token',
      pollIntervalMs: 10,
      config: { leads: [LEAD] },
      managedLogin: { url: standIn.url, clientId: CLIENT_ID },
    }),
    launchChromium(),
  ]);
  standIn.consoleUrl = runtime.url;
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await standIn?.stop();
});

/** The console's cookies in `context`, by name (they are the console's paths' only). */
const consoleCookies = async (context: BrowserContext) =>
  new Map((await context.cookies(`${runtime.url}/console`)).map((cookie) => [cookie.name, cookie.value]));
const sessionOf = async (context: BrowserContext) => (await consoleCookies(context)).get('pulse_session');

/** Opens `path` of the console in a fresh context and follows it to the managed login's form. */
const toManagedLogin = async (
  path = '/console',
): Promise<{ context: BrowserContext; page: Page; state: string }> => {
  const context = await browser.newContext({ ...DESKTOP, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${runtime.url}${path}`);
  expect(page.url().startsWith(`${standIn.url}/oauth2/authorize?`)).toBe(true);
  return { context, page, state: new URL(page.url()).searchParams.get('state') ?? '' };
};

/** Signs in at the managed login's form, and waits to be back in the console. */
const signInThere = async (page: Page, email = LEAD) => {
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${runtime.url}/console`));
};

/** A code of the managed login for a sign-in started in another browser, taken before it goes back. */
const codeOfAnotherSignIn = async (): Promise<string> => {
  const other = await browser.newContext(DESKTOP);
  const started = await other.request.get(`${runtime.url}/console/sign-in`, { maxRedirects: 0 });
  const form = await other.request.get(started.headers().location ?? '');
  const request = /name="request" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const signedIn = await other.request.post(`${standIn.url}/oauth2/authorize`, {
    form: { request, email: LEAD },
    maxRedirects: 0,
  });
  await other.close();
  return new URL(signedIn.headers().location ?? '').searchParams.get('code') ?? '';
};

describe('the console’s sign-in through the managed login', () => {
  it('signs a lead in at the managed login and lands on the page asked for', async () => {
    const { context, page, state } = await toManagedLogin('/console?window=7d');
    const authorize = new URL(page.url()).searchParams;
    expect(Object.fromEntries(authorize)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${runtime.url}/console/callback`,
      scope: 'openid email',
      code_challenge_method: 'S256',
    });
    expect(state).toMatch(/^[\w-]{43}$/);

    await signInThere(page);

    expect(page.url()).toBe(`${runtime.url}/console?window=7d`);
    expect(await page.locator('header').textContent()).toContain(LEAD);
    expect(await sessionOf(context)).toMatch(/^[\w-]{43}$/);
    expect([...(await consoleCookies(context)).keys()]).not.toContain('pulse_login');
    expect(standIn.tokenRequests.at(-1)).toEqual({ code: expect.any(String) });
    await context.close();
  });

  it('refuses a callback whose state is not the one its browser started, and starts no session', async () => {
    const { context, page, state } = await toManagedLogin();
    const { state: otherState, context: other } = await toManagedLogin();
    await other.close();
    const tokenRequests = standIn.tokenRequests.length;
    expect((await consoleCookies(context)).get('pulse_login')).toBe(state);

    const reply = await page.goto(`${runtime.url}/console/callback?code=any&state=${otherState}`);

    expect(reply?.status()).toBe(403);
    expect(await page.locator('main').textContent()).toContain('was not started in this browser');
    await page.addScriptTag({ content: AXE });
    const violations = (await page.evaluate(
      "axe.run(document).then((found) => found.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id))",
    )) as string[];
    expect(violations).toEqual([]);
    expect(state).not.toBe(otherState);
    expect(standIn.tokenRequests).toHaveLength(tokenRequests);
    expect(await sessionOf(context)).toBeUndefined();
    await context.close();
  });

  it('refuses a code used already, and starts no session with it', async () => {
    const { context, page } = await toManagedLogin();
    const callbacks: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${runtime.url}/console/callback`)) callbacks.push(request.url());
    });
    await signInThere(page);
    const session = await sessionOf(context);
    const used = new URL(callbacks[0] ?? '').searchParams.get('code');
    await page.goto(`${runtime.url}/console/sign-in`);
    const state = new URL(page.url()).searchParams.get('state');

    const reply = await page.goto(`${runtime.url}/console/callback?code=${used}&state=${state}`);
    const replayed = await context.request.get(callbacks[0] ?? '', { maxRedirects: 0 });

    expect(reply?.status()).toBe(400);
    expect(await page.locator('main').textContent()).toContain('did not sign you in');
    expect(standIn.tokenRequests.at(-1)).toEqual({ code: used, refused: 'code' });
    expect([400, 403]).toContain(replayed.status());
    expect(replayed.headers()['set-cookie'] ?? '').not.toContain('pulse_session=');
    expect(await sessionOf(context)).toBe(session);
    await context.close();
  });

  it('refuses a code asked for with another sign-in’s challenge, which its verifier does not answer', async () => {
    const { context, page, state } = await toManagedLogin();
    const stolen = await codeOfAnotherSignIn();

    const reply = await page.goto(`${runtime.url}/console/callback?code=${stolen}&state=${state}`);

    expect(reply?.status()).toBe(400);
    expect(standIn.tokenRequests.at(-1)).toEqual({ code: stolen, refused: 'verifier' });
    expect(await sessionOf(context)).toBeUndefined();
    await context.close();
  });

  it('signs out through the managed login’s logout, back to sign in', async () => {
    const { context, page } = await toManagedLogin();
    await signInThere(page);
    const session = await sessionOf(context);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${standIn.url}/oauth2/authorize`));

    expect(standIn.logouts.at(-1)).toEqual({
      clientId: CLIENT_ID,
      logoutUri: `${runtime.url}/console/sign-in`,
    });
    expect(await sessionOf(context)).toBeUndefined();
    const ended = await context.request.get(`${runtime.url}/console`, {
      headers: { cookie: `pulse_session=${session}` },
      maxRedirects: 0,
    });
    expect(ended.status()).toBe(303);
    expect(ended.headers().location).toMatch(/^\/console\/sign-in\?returnTo=/);
    await context.close();
  });
});
