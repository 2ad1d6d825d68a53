import '../../bench/silence.js';
import { mkdirSync } from 'node:fs';

/**
 * `npm run screenshots`: the survey page on a phone and on a desktop, as a customer sees it after
 * tapping 3 in the email, and every page of the leads' console over the demo's 90 days (sign-in,
 * overview, segments, feedback, topics, cases, a case, metric rules) in English on a desktop and in
 * Chinese on a phone, saved in docs/ for the README. Chinese needs a CJK font on the machine (Debian:
 * fonts-wqy-microhei).
 */
const { startLocalRuntime } = await import('../../infra/local/runtime.js');
const { DEMO_STAGE, feedDemo } = await import('../../infra/local/demo-feed.js');
const { DESKTOP, launchChromium, PHONE } = await import('./browser.js');
const { surveyLinks } = await import('./client.js');

const browser = await launchChromium();
const docs = new URL('../../docs/', import.meta.url);
mkdirSync(docs, { recursive: true });
// The survey page on a stage that sends at once; the console on the demo's stage.
const plain = await startLocalRuntime({ port: 0 });
try {
  await fetch(`${plain.url}/interactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${plain.apiToken}`, 'content-type': 'application/json' },
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
  await plain.settled();
  const [email] = plain.outbox.list('email');
  const link = surveyLinks(email?.input).get(3) as string;
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
    const path = new URL(`survey-page-${name}.png`, docs).pathname;
    await page.screenshot({ path, fullPage: true });
    console.log(`wrote ${path}`);
    await context.close();
  }
} finally {
  await plain.stop();
}
const runtime = await startLocalRuntime({ port: 0, config: DEMO_STAGE });
try {
  // The console over the demo's story.
  // A month of the demo's story: enough for every page, and quick to feed.
  const summary = await feedDemo(runtime, { days: 30 });
  console.log(`fed ${summary.interactions} interactions, ${summary.answers} answers in ${summary.ms} ms`);
  const cases = (await (
    await fetch(`${runtime.url}/cases?status=acknowledged&limit=5`, {
      headers: { authorization: `Bearer ${runtime.apiToken}` },
    })
  ).json()) as { cases: { caseId: string }[] };
  const shownCase = cases.cases[0]?.caseId;
  const pages: [string, string][] = [
    ['overview', '/console'],
    ['segments', '/console/segments?by=agent'],
    ['feedback', '/console/feedback'],
    ['topics', '/console/topics'],
    ['cases', '/console/cases'],
    ...(shownCase ? ([['case', `/console/cases/${shownCase}`]] as [string, string][]) : []),
    ['rules', '/console/rules'],
  ];
  for (const [name, device, locale] of [
    ['desktop', DESKTOP, 'en-GB'],
    ['phone-zh', PHONE, 'zh-CN'],
  ] as const) {
    const context = await browser.newContext({ ...device, locale });
    const page = await context.newPage();
    const shoot = async (what: string) => {
      const path = new URL(`console-${what}-${name}.png`, docs).pathname;
      await page.screenshot({ path, fullPage: true });
      console.log(`wrote ${path}`);
    };
    await page.goto(`${runtime.url}/console`);
    await shoot('sign-in');
    await page.getByLabel(/email|邮箱/i).fill('lead@pulse.local');
    await page.getByLabel(/email|邮箱/i).press('Enter');
    await page.waitForURL(/\/console$/);
    for (const [what, path] of pages) {
      await page.goto(`${runtime.url}${path}`);
      await shoot(what);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await runtime.stop();
}
