import '../../bench/silence.js';
import { mkdirSync } from 'node:fs';

/**
 * `npm run screenshots`: the survey page on a phone and on a desktop, as a customer sees it after
 * tapping 3 in the email, saved in docs/ for the README.
 */
const { startLocalRuntime } = await import('../../infra/local/runtime.js');
const { DESKTOP, launchChromium, PHONE } = await import('./browser.js');
const { surveyLinks } = await import('./client.js');

const runtime = await startLocalRuntime({ port: 0 });
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
} finally {
  await browser.close();
  await runtime.stop();
}
