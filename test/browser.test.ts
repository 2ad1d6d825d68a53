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
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: /send/i }).click(),
    ]);
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

  it('works with a keyboard alone: arrows move the score, Tab reaches the comment and the button', async () => {
    const { event, links } = await invite('keyboard@example.com');
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();

    await page.goto(links.get(7) as string);
    await page.waitForTimeout(2_100);
    await page.locator('#score-7').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Fine, thanks');
    await page.keyboard.press('Tab');
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    await context.close();
    await runtime.settled();

    expect((await api.get(`/invitations/${event.interactionId}`)).json.response).toMatchObject({
      score: 8,
      comment: 'Fine, thanks',
      suspect: false,
    });
  });

  it("speaks the customer's language, and every control has an accessible name", async () => {
    const { links } = await invite('li@example.com', {
      customer: { id: 'c-li', email: 'li@example.com', locale: 'zh-CN' },
    });
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();

    await page.goto(links.get(9) as string);

    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toContain('推荐');
    expect(await page.getByRole('radiogroup').count()).toBe(0);
    expect(await page.getByRole('group', { name: '您的评分' }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: '9' }).isChecked()).toBe(true);
    expect(await page.getByRole('textbox', { name: /还有什么想告诉我们的吗/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '提交我的回答' }).count()).toBe(1);
    await context.close();
  });

  it('answers a damaged link and a closed survey with a clear page, never a stack trace', async () => {
    const { links } = await invite('late@example.com');
    const link = links.get(5) as string;
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();

    const damaged = await page.goto(
      link.replace(/\/s\/(.)/, (_m, c: string) => `/s/${c === 'A' ? 'B' : 'A'}`),
    );
    const damagedText = await page.locator('main').textContent();
    await api.post('/_local/clock', { advance: 'P31D' });
    const closed = await page.goto(link);
    const closedText = await page.locator('main').textContent();
    await context.close();

    expect(damaged?.status()).toBe(404);
    expect(damagedText).toContain('This link does not work');
    expect(closed?.status()).toBe(410);
    expect(closedText).toContain('This survey has closed');
    expect(`${damagedText}${closedText}`).not.toMatch(/Error|at \w+ \(/);
  });
});
