import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../infra/local/runtime.js';
import { DESKTOP, launchChromium, PHONE } from './support/browser.js';
import { clientFor, interaction, surveyLinks } from './support/client.js';

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([
    startLocalRuntime({ port: 0, apiToken: 'test-token', pollIntervalMs: 10 }),
    launchChromium(),
  ]);
  api = clientFor(runtime);
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

/** Invites a customer and answers the email's links, as they went out. */
const invite = async (email: string, overrides: Record<string, unknown> = {}) => {
  const event = interaction({ customer: { id: `c-${email}`, email }, ...overrides });
  await api.post('/interactions', event);
  await runtime.settled();
  const sent = (await api.outbox('email'))
    .filter((e) => e.input.Destination.ToAddresses.includes(email))
    .at(-1);
  const unsubscribe = /<(.+)>/.exec(
    sent.input.Content.Simple.Headers.find((h: { Name: string }) => h.Name === 'List-Unsubscribe').Value,
  )?.[1] as string;
  return { event, links: surveyLinks(sent.input), unsubscribe };
};

const alertsFor = async (interactionId: string) =>
  (await api.outbox('alert')).filter((alert) => alert.input.Message.includes(interactionId));

describe('the survey page against mail scanners, in a real browser', () => {
  it('records nothing and alerts nobody when every link is fetched, then loaded in a browser that does nothing', async () => {
    // Prepare
    const { event, links, unsubscribe } = await invite('scanned@example.com');
    const every = [...links.values(), unsubscribe];

    // Act: within seconds of the send, as Safe Links and its kind do.
    for (const link of every) {
      await fetch(link, { headers: { 'user-agent': 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)' } });
      await fetch(link, { method: 'HEAD' });
    }
    const scanner = await browser.newContext();
    for (const link of every) {
      const page = await scanner.newPage();
      await page.goto(link);
      await page.waitForTimeout(300);
      await page.close();
    }
    await scanner.close();
    await runtime.settled();
    const next = await api.post(
      '/interactions',
      interaction({ customer: { id: 'c-scan-2', email: 'scanned@example.com' }, touchpoint: 'other' }),
    );

    // Assess
    const status = await api.get(`/invitations/${event.interactionId}`);
    expect(status.json.status).toBe('sent');
    expect(status.json.response).toBeUndefined();
    expect(await alertsFor(event.interactionId)).toEqual([]);
    // Loading the unsubscribe page unsubscribed nobody: the next invitation is held by fatigue, not suppression.
    expect(next.json.reason).not.toMatch(/suppressed/);
  });

  it('records exactly one answer for a person who opens a link, changes the score, adds a comment and sends', async () => {
    // Prepare
    const { event, links } = await invite('person@example.com');
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();

    // Act
    await page.goto(links.get(3) as string);
    const preselected = await page.locator('input[name="score"]:checked').getAttribute('value');
    await page.waitForTimeout(2_100);
    await page.getByText('2', { exact: true }).click();
    await page
      .getByLabel(/anything you would like to add/i)
      .fill('The wait was awful. <script>alert(1)</script>');
    await page.getByRole('button', { name: /send/i }).click();
    await page.waitForLoadState('domcontentloaded');
    const thanks = (await page.locator('main').textContent()) ?? '';
    await context.close();
    await runtime.settled();

    // Assess
    expect(preselected).toBe('3');
    expect(thanks).toContain('Thank you');
    expect(thanks).toContain('<script>alert(1)</script>');
    const status = await api.get(`/invitations/${event.interactionId}`);
    expect(status.json).toMatchObject({
      status: 'answered',
      response: {
        score: 2,
        comment: 'The wait was awful. <script>alert(1)</script>',
        suspect: false,
      },
    });
    expect(status.json.response.suspectReasons).toBeUndefined();
    expect(await alertsFor(event.interactionId)).toHaveLength(1);
  });

  it('holds a fast scripted POST without a person as suspect, out of the alerts, until it is released', async () => {
    // Prepare
    const { event, links } = await invite('scripted@example.com');
    const path = new URL(links.get(0) as string).pathname;
    const page = await (await fetch(new URL(path, runtime.url))).text();
    const stamp = /name="stamp" value="([^"]+)"/.exec(page)?.[1] ?? '';

    // Act
    const posted = await fetch(new URL(path, runtime.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': DESKTOP.userAgent },
      body: new URLSearchParams({ score: '0', stamp }).toString(),
    });
    await runtime.settled();
    const held = await api.get(`/invitations/${event.interactionId}`);
    const alertsWhileHeld = await alertsFor(event.interactionId);
    const released = await api.post(`/invitations/${event.interactionId}/release`, {});
    await runtime.settled();

    // Assess
    expect(posted.status).toBe(200);
    expect(held.json.response).toMatchObject({
      score: 0,
      suspect: true,
      suspectReasons: expect.arrayContaining([expect.stringMatching(/ms after the page loaded/)]),
    });
    expect(alertsWhileHeld).toEqual([]);
    expect(released.json.response).toMatchObject({ score: 0, suspect: false });
    expect(await alertsFor(event.interactionId)).toHaveLength(1);
  });
});
