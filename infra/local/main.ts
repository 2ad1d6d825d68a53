import { parseJson } from '../../lib/platform/json.js';
import './quiet.js';
import { performance } from 'node:perf_hooks';
import { portFromEnv, stopOnSignals } from './process-lifecycle.js';
import { startLocalRuntime } from './runtime.js';
import { parseChaos } from './stream-poller.js';

const started = performance.now();
const port = portFromEnv();

// Parsed here, checked by the stage settings' own schema when the runtime starts.
let config: object | undefined;
if (process.env.PULSE_CONFIG) {
  const parsed = parseJson(process.env.PULSE_CONFIG);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    console.error('PULSE_CONFIG must be JSON, the same settings as the pulse:config context');
    process.exit(2);
  }
  config = parsed;
}

// Signals are handled from the first moment, so that Ctrl-C during start-up also stops DynamoDB Local.
let runtime: Awaited<ReturnType<typeof startLocalRuntime>> | undefined;
const stopping = stopOnSignals(() => runtime);

runtime = await startLocalRuntime({
  port,
  apiToken: process.env.PULSE_API_TOKEN || undefined,
  credentials: process.env.PULSE_API_CREDENTIALS || undefined,
  dataDir: process.env.PULSE_DATA_DIR || undefined,
  publicUrl: process.env.PULSE_PUBLIC_URL || undefined,
  chaos: parseChaos(process.env.PULSE_CHAOS),
  ...(config ? { config } : {}),
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
if (stopping()) {
  await runtime.stop();
  process.exit(0);
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const { url, apiToken } = runtime;
const firstLead = runtime.config.leads[0]?.email ?? 'lead@pulse.local';
const leads = runtime.config.leads.length
  ? runtime.config.leads
      .map(
        (lead) =>
          `    ${lead.email}  (${'teams' in lead && lead.teams ? `${lead.teams.join(', ')} only` : 'every team'})`,
      )
      .join('\n')
  : '    none: list them in PULSE_CONFIG\'s "leads"';
console.log(`Pulse is running at ${url} (ready in ${seconds} s)

  The leads' console:  ${url}/console
  Sign in as one of the stage's leads:
${leads}

  API token:  ${apiToken}  (credential local, every scope)
  Data:       ${process.env.PULSE_DATA_DIR ? process.env.PULSE_DATA_DIR : 'in memory (set PULSE_DATA_DIR to keep it)'}
  Chaos:      ${process.env.PULSE_CHAOS || 'off'}

Send an interaction:

  curl -s -X POST ${url}/interactions -H "Authorization: Bearer ${apiToken}" -H 'content-type: application/json' \\
    -d '{"interactionId":"zd-48213","occurredAt":"${new Date().toISOString().slice(0, 19)}Z","survey":"nps","customer":{"id":"c-981","email":"ana@example.com","name":"Ana"},"touchpoint":"support-ticket","channel":"phone","team":"billing","agent":"agent-7"}'

Then read the email:      curl -s '${url}/_local/outbox?kind=email'
Alerts:                   curl -s '${url}/_local/outbox?kind=alert'
Events on the bus:        curl -s '${url}/_local/outbox?kind=event'
Metrics:                  curl -s '${url}/metrics?survey=nps&window=30d' -H "Authorization: Bearer ${apiToken}"
A lead's sign-in:         curl -s -X POST ${url}/_local/leads/sign-in -d '{"email":"${firstLead}"}'
                          (its idToken works as the bearer token on /cases and /metrics)
A living console:         npm run demo (the same runtime, fed 90 days of interactions, answers and cases)

Ctrl-C stops it.`);
