import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../infra/local/runtime.js';
import { DESKTOP, launchChromium, PHONE } from './support/browser.js';
import { answeredInteraction, type clientFor, startTestRuntime } from './support/client.js';

/*
 * The leads' console in Debian's chromium, through the local runtime: signing in, the overview's
 * numbers against the API's, a case acknowledged and resolved with the keyboard alone, forged and
 * cross-site forms refused, a team-scoped lead kept to their team, the Chinese console, and no serious
 * accessibility violation at phone and desktop widths.
 */

const LEAD = 'lead@pulse.local';
const BILLING_LEAD = 'billing-lead@pulse.local';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;
let browser: Browser;
/** A detractor of the returns team with a comment carrying markup, and one of billing. */
let returnsCase: { interactionId: string; invitationId: string };
let billingCase: { interactionId: string; invitationId: string };

beforeAll(async () => {
  [{ runtime, api }, browser] = await Promise.all([
    startTestRuntime({
      leads: [LEAD, { email: BILLING_LEAD, teams: ['billing'], timeZone: 'Asia/Shanghai' }],
      metricAlerts: [
        { survey: 'nps', below: 0, minSample: 1, team: 'returns' },
        { survey: 'nps', below: -50, minSample: 1, team: 'billing' },
      ],
    }),
    launchChromium(),
  ]);
  returnsCase = await answeredInteraction(runtime, {
    team: 'returns',
    score: 2,
    comment: 'The refund took 3 weeks <script>alert("x")</script> and nobody called back',
  });
  billingCase = await answeredInteraction(runtime, {
    team: 'billing',
    score: 4,
    comment: '等了半天，客服态度很差',
  });
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

/** A fresh browser context signed in as `email` through the local sign-in page, at `device`. */
const signedIn = async (
  email: string,
  device = DESKTOP,
  locale = 'en-GB',
): Promise<{ context: BrowserContext; page: Page }> => {
  // The page's CSP refuses every script, the accessibility checker's too: the test steps past it.
  const context = await browser.newContext({ ...device, locale, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${runtime.url}/console`);
  await page.getByLabel(/email|邮箱/i).fill(email);
  await page.getByLabel(/email|邮箱/i).press('Enter');
  await page.waitForURL(/\/console(\?.*)?$/);
  return { context, page };
};

/** The serious and critical violations axe finds on the page. */
const seriousViolations = async (page: Page) => {
  await page.addScriptTag({ content: AXE });
  const results = (await page.evaluate(
    'axe.run(document).then((found) => found.violations.map(({ id, impact, nodes }) => ({ id, impact, nodes })))',
  )) as { id: string; impact: string; nodes: unknown[] }[];
  return results
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.nodes.length})`);
};

describe('the leads’ console', () => {
  it('sends a visitor without a session to sign in, and refuses an address that is not a lead', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();

    await page.goto(`${runtime.url}/console/cases/${returnsCase.invitationId}`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await page.getByLabel(/email/i).fill('someone@example.com');
    await page.getByLabel(/email/i).press('Enter');

    expect(await page.locator('main').textContent()).toMatch(/not one of/i);
    const forged = await page.context().request.get(`${runtime.url}/console`, {
      headers: { cookie: 'pulse_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(303);
    expect(forged.headers().location).toMatch(/^\/console\/sign-in\?returnTo=/);
    await context.close();
  });

  it('signs a lead in and shows the same numbers as the API, tile by tile', async () => {
    const { context, page } = await signedIn(LEAD);

    for (const survey of ['nps', 'csat', 'ces']) {
      const tile = page.locator(`[data-survey="${survey}"][data-window="30d"]`);
      const metrics = (await api.get(`/metrics?survey=${survey}&window=30d`)).json;
      expect(await tile.getAttribute('data-n')).toBe(String(metrics.n));
      expect(await tile.getAttribute('data-score')).toBe(metrics.score === null ? '' : String(metrics.score));
    }
    expect(await page.locator(`[data-case-id="${returnsCase.invitationId}"]`).first().isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('acknowledges, assigns, notes and resolves a case with the keyboard alone, and shows a comment’s markup as text', async () => {
    const { context, page } = await signedIn(LEAD);
    await page.goto(`${runtime.url}/console/cases/${returnsCase.invitationId}`);
    expect(await page.locator('main').textContent()).toContain('<script>alert("x")</script>');
    expect(await page.locator('main script').count()).toBe(0);

    expect(await page.getByRole('button', { name: 'Acknowledge' }).isVisible()).toBe(true);
    const focused = async () =>
      (await page.evaluate('document.activeElement && document.activeElement.textContent')) === 'Acknowledge';
    for (let i = 0; i < 40 && !(await focused()); i += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await focused()).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=acknowledged/);
    expect((await api.get(`/cases/${returnsCase.invitationId}`)).json).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: LEAD,
    });

    // Assigned to themselves: the choice made with the arrow keys, the form sent from its button.
    await page.getByLabel('Assigned to').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Assign');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=assigned/);
    expect((await api.get(`/cases/${returnsCase.invitationId}`)).json).toMatchObject({ assignee: LEAD });
    await page.getByLabel('Add a note for the team').focus();
    await page.keyboard.type('Left her a voicemail.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=noted/);
    expect(await page.locator('.timeline').textContent()).toContain('Left her a voicemail.');

    await page.getByLabel(/reason/i).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByLabel('Note (optional)').focus();
    await page.keyboard.type('Called her back; refund sent.');
    await page.getByRole('button', { name: 'Resolve' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=resolved/);

    expect((await api.get(`/cases/${returnsCase.invitationId}`)).json).toMatchObject({
      status: 'resolved',
      resolvedBy: LEAD,
      resolution: { note: 'Called her back; refund sent.' },
    });
    expect(await seriousViolations(page)).toEqual([]);
    const timeline = (await api.get(`/cases/${returnsCase.invitationId}`)).json.timeline;
    expect(timeline.map((entry: { kind: string }) => entry.kind)).toEqual([
      'opened',
      'acknowledged',
      'assigned',
      'note',
      'resolved',
    ]);
    await context.close();
  });

  it('lists the cases by status from the navigation, and answers a wrong status with a page that names it', async () => {
    const { context, page } = await signedIn(LEAD);

    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.waitForURL(/\/console\/cases$/);
    expect(await page.locator(`[data-case-id="${billingCase.invitationId}"]`).count()).toBe(1);
    await page.getByRole('link', { name: 'Resolved' }).click();
    await page.waitForURL(/status=resolved/);
    expect(await page.locator(`[data-case-id="${returnsCase.invitationId}"]`).count()).toBe(1);
    expect(await page.locator(`[data-case-id="${billingCase.invitationId}"]`).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // The resolved case was assigned to this lead: theirs among the resolved.
    await page.getByRole('link', { name: 'Assigned to me' }).click();
    await page.waitForURL(/who=mine/);
    expect(await page.locator(`[data-case-id="${returnsCase.invitationId}"]`).count()).toBe(1);
    await page.getByRole('link', { name: 'Open', exact: true }).click();
    await page.waitForURL(/status=open&who=mine/);
    expect(await page.locator('[data-case-id]').count()).toBe(0);

    // Five hours on, the open billing case is past its 4-hour SLA: marked in the list and counted.
    await api.post('/_local/clock', { advance: 'PT5H' });
    await runtime.settled();
    await page.goto(`${runtime.url}/console/cases?status=open`);
    expect(await page.locator(`[data-case-id="${billingCase.invitationId}"]`).textContent()).toContain(
      'Past SLA',
    );
    await page.goto(`${runtime.url}/console`);
    expect(await page.locator('main').textContent()).toContain('1 past their SLA');

    const wrong = await page.goto(`${runtime.url}/console/cases?status=closed`);
    expect(wrong?.status()).toBe(400);
    expect(await page.locator('main').textContent()).toContain(
      'status: must be open, acknowledged or resolved',
    );
    await context.close();
  });

  it('changes nothing for a form without its session’s token, or from another site', async () => {
    const { context, page } = await signedIn(LEAD);
    const cookies = (await context.cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');
    const post = (headers: Record<string, string>, form: string) =>
      fetch(`${runtime.url}/console/cases/${billingCase.invitationId}/acknowledge`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: form,
      });
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();

    expect((await post({}, 'csrf=forged')).status).toBe(403);
    expect((await post({}, '')).status).toBe(403);
    expect((await post({ origin: 'https://evil.example.com' }, `csrf=${csrf}`)).status).toBe(403);
    const noReason = await fetch(`${runtime.url}/console/cases/${billingCase.invitationId}/resolve`, {
      method: 'POST',
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${csrf}&note=done`,
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Check reason');
    expect((await api.get(`/cases/${billingCase.invitationId}`)).json.status).toBe('open');

    // Signed out, the session's token is dead too.
    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForURL(/sign-in/);
    expect((await post({}, `csrf=${csrf}`)).status).toBe(403);
    expect((await api.get(`/cases/${billingCase.invitationId}`)).json.status).toBe('open');
    await context.close();
  });

  it('breaks the scores down by team as the API does, sorts them, and opens a team’s own overview', async () => {
    const { context, page } = await signedIn(LEAD);

    await page.getByRole('link', { name: 'Segments', exact: true }).click();
    await page.waitForURL(/\/console\/segments$/);
    const breakdown = (await api.get('/metrics/breakdown?survey=nps&window=30d&by=team')).json;
    const rows = page.locator('tr[data-by="team"]');
    expect(await rows.count()).toBe(breakdown.segments.length);
    for (const segment of breakdown.segments) {
      const row = page.locator(`tr[data-by="team"][data-value="${segment.value}"]`);
      expect(await row.getAttribute('data-n')).toBe(String(segment.n));
      expect(await row.getAttribute('data-score')).toBe(segment.score === null ? '' : String(segment.score));
    }
    await page.getByRole('link', { name: /^Score/ }).click();
    await page.waitForURL(/sort=score/);
    expect(await page.locator('th[aria-sort]').textContent()).toMatch(/^Score/);
    const scores = await page
      .locator('tr[data-by="team"]')
      .evaluateAll((found) => found.map((row) => Number(row.getAttribute('data-score'))));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'returns', exact: true }).click();
    await page.waitForURL(/team=returns/);
    const returns = (await api.get('/metrics?survey=nps&window=30d&team=returns')).json;
    const tile = page.locator('[data-survey="nps"][data-window="30d"]');
    expect(await tile.getAttribute('data-n')).toBe(String(returns.n));
    expect(await tile.getAttribute('data-score')).toBe(String(returns.score));
    expect(await page.locator(`[data-case-id="${billingCase.invitationId}"]`).count()).toBe(0);
    await context.close();
  });

  it('lists the feedback newest first, filters it, and downloads the filter as CSV', async () => {
    const { context, page } = await signedIn(LEAD);

    await page.getByRole('link', { name: 'Feedback', exact: true }).click();
    await page.waitForURL(/\/console\/feedback$/);
    const listed = await page
      .locator('[data-interaction-id]')
      .evaluateAll((found) => found.map((item) => item.getAttribute('data-interaction-id')));
    expect(listed.slice(0, 2)).toEqual([billingCase.interactionId, returnsCase.interactionId]);
    expect(
      await page.locator(`[data-interaction-id="${returnsCase.interactionId}"] blockquote`).textContent(),
    ).toContain('<script>alert("x")</script>');

    await page.getByLabel('Team', { exact: true }).fill('billing');
    await page.getByLabel('Sentiment').selectOption('negative');
    await page.getByRole('button', { name: 'Show answers' }).press('Enter');
    await page.waitForURL(/team=billing/);
    const filtered = await page
      .locator('[data-interaction-id]')
      .evaluateAll((found) => found.map((item) => item.getAttribute('data-interaction-id')));
    const api_ = (await api.get('/responses?team=billing&sentiment=negative&window=30d')).json;
    expect(filtered).toEqual(api_.responses.map((entry: { interactionId: string }) => entry.interactionId));
    expect(filtered).toContain(billingCase.interactionId);
    expect(await page.getByLabel('Sentiment').inputValue()).toBe('negative');
    expect(await seriousViolations(page)).toEqual([]);

    const cookies = (await context.cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');
    const href = (await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')) as string;
    const download = await fetch(new URL(href, runtime.url), { headers: { cookie: cookies } });
    expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await download.text()).trim().split(/\r?\n/);
    expect(lines[0]?.startsWith('interactionId,survey,score,category,comment')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(filtered);

    const wrong = await page.goto(`${runtime.url}/console/feedback?category=nps:happy`);
    expect(wrong?.status()).toBe(400);
    expect(await page.locator('main').textContent()).toContain('category');
    await context.close();
  });

  it('ranks the topics as the API counts them, and shows each metric rule with where it stands', async () => {
    const { context, page } = await signedIn(LEAD);

    await page.goto(`${runtime.url}/console/topics?survey=nps`);
    const topics = (await api.get('/metrics/topics?survey=nps&window=30d')).json;
    expect(topics.topics.length).toBeGreaterThan(0);
    for (const row of topics.topics) {
      expect(
        await page.locator(`#by-mentions ~ div tr[data-topic="${row.topic}"]`).getAttribute('data-mentions'),
      ).toBe(String(row.mentions));
    }
    // The billing comment is about waiting: it is among the examples, linked to the feedback it comes from.
    expect(
      await page.locator(`.topic-examples [data-interaction-id="${billingCase.interactionId}"]`).count(),
    ).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The scheduled evaluation runs as the clock moves: returns' NPS, one detractor, is −100, below its line.
    await api.post('/_local/clock', { advance: 'PT10M' });
    await runtime.settled();
    await page.getByRole('link', { name: 'Metric rules', exact: true }).click();
    await page.waitForURL(/\/console\/rules$/);
    expect(await page.locator('[data-rule="nps/30d/team=returns"]').getAttribute('data-state')).toBe('below');
    expect(await page.locator('[data-rule="nps/30d/team=returns"]').textContent()).toContain(
      'Below its line',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('keeps a team-scoped lead to their team’s cases, by id too, in Chinese at a phone’s width', async () => {
    const { context, page } = await signedIn(BILLING_LEAD, PHONE, 'zh-CN');

    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator(`[data-case-id="${billingCase.invitationId}"]`).first().isVisible()).toBe(true);
    expect(await page.locator(`[data-case-id="${returnsCase.invitationId}"]`).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    const other = await page.goto(`${runtime.url}/console/cases/${returnsCase.invitationId}`);
    expect(other?.status()).toBe(403);
    const own = await page.goto(`${runtime.url}/console/cases/${billingCase.invitationId}`);
    expect(own?.status()).toBe(200);
    expect(await page.getByRole('button', { name: '确认' }).isVisible()).toBe(true);
    // The comment's topics by their Chinese names (等待 for waiting, 服务人员 for staff).
    expect(await page.locator('main').textContent()).toContain('服务人员');
    // Their scores, answers and rules are their team's; a breakdown across teams is refused.
    await page.goto(`${runtime.url}/console/segments`);
    expect(
      await page
        .locator('tr[data-by]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-value'))),
    ).toEqual(['billing']);
    expect((await page.goto(`${runtime.url}/console/segments?by=agent`))?.status()).toBe(403);
    expect((await page.goto(`${runtime.url}/console?team=returns`))?.status()).toBe(403);
    await page.goto(`${runtime.url}/console/feedback?comments=all`);
    expect(await page.locator(`[data-interaction-id="${billingCase.interactionId}"]`).count()).toBe(1);
    expect(await page.locator(`[data-interaction-id="${returnsCase.interactionId}"]`).count()).toBe(0);
    await page.goto(`${runtime.url}/console/rules`);
    expect(
      await page
        .locator('[data-rule]')
        .evaluateAll((rules) => rules.map((rule) => rule.getAttribute('data-rule'))),
    ).toEqual(['nps/30d/team=billing']);
    expect(await seriousViolations(page)).toEqual([]);
    const unknown = await page.goto(`${runtime.url}/console/cases/no-such-case`);
    expect(unknown?.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await context.close();
  });
});
