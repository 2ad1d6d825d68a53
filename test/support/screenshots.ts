import '../../bench/silence.js';
import { mkdirSync } from 'node:fs';

/**
 * `npm run screenshots`: the survey page on a phone and on a desktop, as a customer sees it after
 * tapping 3 in the email, and the leads' console (sign-in, overview, a case) in English on a desktop
 * and in Chinese on a phone, saved in docs/ for the README. Chinese needs a CJK font on the machine
 * (Debian: fonts-wqy-microhei).
 */
const { startLocalRuntime } = await import('../../infra/local/runtime.js');
const { DESKTOP, launchChromium, PHONE } = await import('./browser.js');
const { answeredInteraction, surveyLinks } = await import('./client.js');

const runtime = await startLocalRuntime({
  port: 0,
  config: { leads: [{ email: 'lead@pulse.local', timeZone: 'Europe/London' }] },
});
const browser = await launchChromium();
try {
  await fetch(`${runtime.url}/interactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${runtime.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      interactionId: 'screenshot-1',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      survey: 'nps',
      customer: { id: 'c-1', email: 'ana@example.com', name: 'Ana' },
      touchpoint: 'support-ticket',
      channel: 'phone',
      team: 'billing',
    }),
  });
  await runtime.settled();
  const [email] = runtime.outbox.list('email');
  const link = surveyLinks(email?.input).get(3) as string;
  mkdirSync(new URL('../../docs/', import.meta.url), { recursive: true });
  for (const [name, device] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    const context = await browser.newContext(device);
    const page = await context.newPage();
    await page.goto(link);
    await page
      .getByLabel(/anything you would like to add/i)
      .fill('The agent was kind, but I waited 40 minutes.');
    const path = new URL(`../../docs/survey-page-${name}.png`, import.meta.url).pathname;
    await page.screenshot({ path, fullPage: true });
    console.log(`wrote ${path}`);
    await context.close();
  }
  // The console, with a few answers behind it.
  const unhappy = await answeredInteraction(runtime, {
    team: 'billing',
    score: 2,
    comment: 'Waited 40 minutes on hold and nobody called me back about the refund.',
  });
  await answeredInteraction(runtime, { team: 'returns', score: 9, comment: '快递很快，客服态度也很好' });
  await answeredInteraction(runtime, { team: 'billing', score: 4, comment: '等了半天，问题还是没解决' });
  for (const [name, device, locale] of [
    ['desktop', DESKTOP, 'en-GB'],
    ['phone-zh', PHONE, 'zh-CN'],
  ] as const) {
    const context = await browser.newContext({ ...device, locale });
    const page = await context.newPage();
    const shoot = async (what: string) => {
      const path = new URL(`../../docs/console-${what}-${name}.png`, import.meta.url).pathname;
      await page.screenshot({ path, fullPage: true });
      console.log(`wrote ${path}`);
    };
    await page.goto(`${runtime.url}/console`);
    await shoot('sign-in');
    await page.getByLabel(/email|邮箱/i).fill('lead@pulse.local');
    await page.getByLabel(/email|邮箱/i).press('Enter');
    await page.waitForURL(/\/console$/);
    await shoot('overview');
    await page.goto(`${runtime.url}/console/cases/${unhappy.invitationId}`);
    await shoot('case');
    await context.close();
  }
} finally {
  await browser.close();
  await runtime.stop();
}
