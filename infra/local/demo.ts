import './quiet.js';
import { parseArgs } from 'node:util';
import { DEMO_STAGE, feedDemo } from './demo-feed.js';
import { portFromEnv, stopOnSignals } from './process-lifecycle.js';
import { startLocalRuntime } from './runtime.js';
import { parseChaos } from './stream-poller.js';

/*
 * `npm run demo`: the local runtime as `npm start` runs it, with a demo stage (two leads, metric rules,
 * the recovery survey), fed weeks of interactions, answers and cases, so that the console shows a
 * living product at once. `npm run demo -- --days 30 --per-day 40 --seed 7` tells another story.
 */

const usage = 'usage: npm run demo -- [--days 90] [--per-day 25] [--seed 1]';
let args: { days: number; perDay: number; seed: number };
try {
  const { values } = parseArgs({
    options: {
      days: { type: 'string', default: '90' },
      'per-day': { type: 'string', default: '25' },
      seed: { type: 'string', default: '1' },
    },
  });
  args = { days: Number(values.days), perDay: Number(values['per-day']), seed: Number(values.seed) };
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!Number.isInteger(args.days) || args.days < 1 || args.days > 400) {
  console.error(`--days must be a whole number of days from 1 to 400\n${usage}`);
  process.exit(2);
}
if (!Number.isInteger(args.perDay) || args.perDay < 1 || args.perDay > 500) {
  console.error(`--per-day must be a whole number from 1 to 500\n${usage}`);
  process.exit(2);
}
if (!Number.isInteger(args.seed) || args.seed < 0) {
  console.error(`--seed must be a whole number\n${usage}`);
  process.exit(2);
}

const port = portFromEnv();

let runtime: Awaited<ReturnType<typeof startLocalRuntime>> | undefined;
const stopping = stopOnSignals(() => runtime);

const started = performance.now();
runtime = await startLocalRuntime({
  port,
  apiToken: process.env.PULSE_API_TOKEN || undefined,
  dataDir: process.env.PULSE_DATA_DIR || undefined,
  publicUrl: process.env.PULSE_PUBLIC_URL || undefined,
  chaos: parseChaos(process.env.PULSE_CHAOS),
  config: DEMO_STAGE,
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
if (stopping()) {
  await runtime.stop();
  process.exit(0);
}
const { url, apiToken } = runtime;
if (process.env.PULSE_CONFIG)
  console.log('PULSE_CONFIG is not read by the demo: it runs its own stage settings.');

// A kept data folder that holds answers already has its story: it is shown as it is, not told again.
const kept = await fetch(new URL('/metrics?survey=nps&window=90d', url), {
  headers: { authorization: `Bearer ${apiToken}` },
})
  .then(async (response) => (response.ok ? ((await response.json()) as { n: number }).n : 0))
  .catch(() => 0);
let told = '';
if (kept > 0) {
  told = `Its data folder holds a story already (${kept} NPS answers in the last 90 days): shown as it is.`;
} else {
  console.log(`Pulse is running at ${url}; feeding it ${args.days} days of a support team's life…`);
  let lastDay = 0;
  const summary = await feedDemo(runtime, {
    ...args,
    onDay: (day, days) => {
      // A line every ten days, so that the wait shows progress without filling the screen.
      if (day === days || day - lastDay >= 10) {
        lastDay = day;
        console.log(`  day ${day} of ${days} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      }
    },
  }).catch(async (error: unknown) => {
    console.error('the demo feed failed:', error instanceof Error ? error.message : error);
    await runtime?.stop();
    process.exit(1);
  });
  told = `${summary.interactions} interactions, ${summary.answers} answers (${summary.comments.en} comments in English, ${summary.comments.zh} in Chinese, ${summary.suspect} held as suspect), ${summary.cases.opened} cases (${summary.cases.acknowledged} acknowledged, ${summary.cases.resolved} resolutions, ${summary.cases.reopened} reopened), ${summary.alerts} alerts.`;
}

const seconds = ((performance.now() - started) / 1000).toFixed(0);
const leads = runtime.config.leads
  .map(
    (lead) =>
      `    ${lead.email}  (${'teams' in lead && lead.teams ? `${lead.teams.join(', ')} only` : 'every team'})`,
  )
  .join('\n');
console.log(`
Ready in ${seconds} s. ${told}

The leads' console:  ${url}/console
  Sign in as one of the stage's leads:
${leads}

  API token:  ${apiToken}  (credential local, every scope)
  Metrics:    curl -s '${url}/metrics?survey=nps&window=30d' -H "Authorization: Bearer ${apiToken}"
  Alerts:     curl -s '${url}/_local/outbox?kind=alert'

Ctrl-C stops it.`);
