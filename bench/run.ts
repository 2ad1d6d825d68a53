import './silence.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.js';
import { measureAggregationWrites, measureFoldThroughput } from './aggregation.js';
import { measureBreakdownReads } from './breakdown.js';
import { measureBundles } from './bundles.js';
import { measureConsole } from './console.js';
import { measureContention } from './contention.js';
import { measureAnswerToAlert } from './end-to-end.js';
import { measureErasure } from './erasure.js';
import { measureInsight } from './insight.js';
import { measureInvitations } from './invitations.js';
import { LOAD_CHAOS, measureBurst, measureSustainedLoad } from './load.js';
import { measureWindowReads } from './read-window.js';
import { measureResponsesPage } from './responses.js';

const round = (value: number, decimals = 2) => Math.round(value * 10 ** decimals) / 10 ** decimals;
/** What each figure measures, printed beside it. */
const NOTES: Record<string, string> = {
  'aggregation.wcuPerResponse':
    "ReturnConsumedCapacity, the fold's batch size, each answer with its invitation's received and sent",
  'aggregation.wcuPerResponseBatch100': 'the same stream in batches of 100 records',
  'aggregation.wcuPerResponseAnswersOnlyBatch100':
    'answers alone in batches of 100, registry included: the figure measured before the funnel',
  'breakdown.rru30d': 'GET /metrics/breakdown by agent, 30 days, 20 agents',
  'aggregation.naiveWcuPerResponse': 'one update per record per segment, same run',
  'aggregation.naiveToPulseRatio': 'times fewer writes',
  'aggregation.bucketsPerBatch': 'conditional writes per batch',
  'hotBucket.conflictsPerWriteSpread': 'the same shards spread over the write slots',
  'hotBucket.responsesPerSecondOneSlot': 'one hot day bucket, DynamoDB Local',
  'hotBucket.responsesPerSecondSpread': 'same run, slots spread',
  'read30d.rru10k': 'GET /metrics 30d over day buckets, 10,000 answers stored',
  'read30d.rru100k': 'the same with 100,000 answers stored',
  'read30d.recomputeRru10k': 'scan of the 10,000 answers, measured',
  'read30d.computedRecomputeRru10k': "AWS's 4 KB rule on their sizes (checks the rule)",
  'read30d.recomputeRru100k': "100,000 answers: AWS's 4 KB rule on their sizes",
  'read30d.recomputeToPulseRatio100k': 'times fewer read units',
  'responses.rruPerPage10k':
    "GET /responses, 50 of one team's detractors (1 of 5 teams), 10,000 answers stored",
  'responses.rruPerPage100k': 'the same page with 100,000 answers stored',
  'aggregation.recordsPerSecond': 'fold + fences, one core, no I/O',
  'insight.commentsPerSecond':
    'local sentiment analyser and topic rules together, one core, the labelled set',
  'insight.accuracy.sentiment':
    'agreement with bench/insight-labelled.json (240 comments, half Chinese); the rules were tuned on its misses, the model never learnt from it',
  'insight.accuracy.topics': 'topic F1 against the same set (micro-averaged over comment-topic pairs)',
  'insight.tuning.comments':
    'bench/insight-tuning.json and -2.json to -15.json: comments written and labelled in batches, each before the analyser read it; tuned on and learnt from since',
  'insight.tuning.sentiment': 'agreement with the tuning labels (in-sample: the model learnt from them)',
  'insight.heldOut.comments':
    'bench/insight-held-out.json: labelled before the analyser read them, never tuned on nor learnt from',
  'insight.heldOut.sentiment': 'agreement with the held-out labels',
  'insight.heldOut.topics.precision': 'topic precision against the held-out labels (micro-averaged)',
  'insight.heldOut.topics.recall': 'topic recall against the held-out labels (micro-averaged)',
  'invitations.acceptedPerSecond': 'baseline: POST /interactions alone, same run',
  'invitations.sesCallsPerRecipient': 'SendEmail calls per address',
  'invitations.snsPublishesPerRecipient': 'SMS Publish calls per number',
  'local.startMs': 'DynamoDB Local + table + handlers + server',
  'erasure.rcu':
    'read units to erase a person with 10 interactions (5 by SMS), answers with comments, a case, 2 suppressions',
  'erasure.wcu': 'write units of the same erasure (transactions at two units an item)',
  'erasure.rcu100k': 'the same person beside 100,000 other stored answers',
  'erasure.wcu100k': 'the same, write units',
};

/**
 * `npm run bench -- --only=aggregation,responses` measures only the figures whose keys start with one
 * of those names, and keeps the others of the last run in bench/results.json; no flag measures all.
 */
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .filter(Boolean);
const wanted = (...sections: string[]) => !only || sections.some((section) => only.includes(section));
const RESULTS = new URL('./results.json', import.meta.url);

const results: Record<string, number> = only
  ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, number>)
  : {};
const rows: [string, string, string][] = [];
const record = (key: string, value: number, note = NOTES[key] ?? '') => {
  results[key] = value;
  rows.push([key, String(value), note]);
};

const dynamo = await startDynamoDbLocal();
try {
  if (wanted('aggregation')) await measureFoldWrites();
  if (wanted('hotBucket')) await measureHotBucket();
  if (wanted('read30d')) await measureReads();
  if (wanted('breakdown')) {
    const breakdown = await measureBreakdownReads(dynamo.endpoint);
    record('breakdown.rru30d', breakdown.rru30d, `${NOTES['breakdown.rru30d']}: ${breakdown.rows} rows`);
  }
  if (wanted('console')) {
    const figures = await measureConsole(dynamo.endpoint);
    record(
      'console.overviewRru',
      figures.overviewRru10k,
      `read units of one overview, 30 cases waiting, 10,000 answers stored (${figures.overviewRru1k} with 1,000)`,
    );
    record(
      'console.overviewMs.p50',
      round(figures.overviewMsP50, 1),
      "server's time to answer the overview, warm, over DynamoDB Local",
    );
    record('console.overviewMs.p99', round(figures.overviewMsP99, 1), 'the same, p99 of 60');
    for (const [name, bytes] of Object.entries(figures.pageBytes)) {
      record(
        `console.pageBytes.${name}`,
        bytes,
        'bytes on the wire before compression (target: under 100 KB)',
      );
    }
  }
  if (wanted('erasure')) {
    const erasure = await measureErasure(dynamo.endpoint);
    record('erasure.rcu', erasure.rcu);
    record('erasure.wcu', erasure.wcu);
    record('erasure.rcu100k', erasure.rcu100k);
    record('erasure.wcu100k', erasure.wcu100k);
  }
  if (wanted('responses')) {
    const responses = await measureResponsesPage(dynamo.endpoint);
    record('responses.rruPerPage10k', responses.rruPerPage10k);
    record('responses.rruPerPage100k', responses.rruPerPage100k);
  }
} finally {
  await dynamo.stop();
}

async function measureFoldWrites() {
  const writes = await measureAggregationWrites(dynamo.endpoint);
  record('aggregation.wcuPerResponse', round(writes.wcuPerResponse, 3));
  const small = await measureAggregationWrites(dynamo.endpoint, 100);
  record('aggregation.wcuPerResponseBatch100', round(small.wcuPerResponse, 3));
  const answersOnly = await measureAggregationWrites(dynamo.endpoint, 100, 3_000, { withInvitations: false });
  record('aggregation.wcuPerResponseAnswersOnlyBatch100', round(answersOnly.wcuPerResponse, 3));
  record('aggregation.naiveWcuPerResponse', round(writes.naiveWcuPerResponse, 3));
  record('aggregation.naiveToPulseRatio', round(writes.naiveWcuPerResponse / writes.wcuPerResponse, 1));
  record('aggregation.bucketsPerBatch', round(writes.bucketsPerBatch, 1));
}

async function measureHotBucket() {
  const contention = await measureContention(dynamo.endpoint);
  record(
    'hotBucket.conflictsPerWriteOneSlot',
    round(contention.conflictsPerWriteOneSlot, 3),
    `${contention.shards} shards on one write slot`,
  );
  record('hotBucket.conflictsPerWriteSpread', round(contention.conflictsPerWriteSpread, 3));
  record('hotBucket.responsesPerSecondOneSlot', Math.round(contention.responsesPerSecondOneSlot));
  record('hotBucket.responsesPerSecondSpread', Math.round(contention.responsesPerSecondSpread));
}

async function measureReads() {
  const reads = await measureWindowReads(dynamo.endpoint);
  record('read30d.rru10k', reads.rru10k);
  record('read30d.rru100k', reads.rru100k);
  record('read30d.recomputeRru10k', reads.recomputeRru10k);
  record('read30d.computedRecomputeRru10k', reads.computedRecomputeRru10k);
  record('read30d.recomputeRru100k', reads.recomputeRru100k);
  record('read30d.recomputeToPulseRatio100k', Math.round(reads.recomputeRru100k / reads.rru100k));
}

if (wanted('aggregation')) record('aggregation.recordsPerSecond', Math.round(await measureFoldThroughput()));

if (wanted('insight')) {
  for (const [key, value] of Object.entries(await measureInsight())) record(key, round(value, 3));
}

if (wanted('invitations')) {
  const invitations = await measureInvitations();
  record(
    'invitations.perSecond',
    round(invitations.perSecond, 1),
    `${invitations.interactions} interactions accepted and sent (1 in 5 by SMS), local runtime`,
  );
  record('invitations.acceptedPerSecond', round(invitations.acceptedPerSecond, 1));
  record('invitations.sesCallsPerRecipient', round(invitations.sesCallsPerRecipient, 3));
  record('invitations.snsPublishesPerRecipient', round(invitations.smsPerRecipient, 3));
}

if (wanted('e2e', 'local')) {
  const e2e = await measureAnswerToAlert();
  record(
    'e2e.answerToAlertP50Ms',
    round(e2e.answerToAlertP50Ms, 1),
    `${e2e.answers} answers, stream polled every ${e2e.pollIntervalMs} ms`,
  );
  record('e2e.answerToAlertP99Ms', round(e2e.answerToAlertP99Ms, 1));
  record('local.startMs', Math.round(e2e.startMs));
}

if (wanted('load')) {
  const load = await measureSustainedLoad();
  record(
    'load.answersPerSecond',
    round(load.answersPerSecond, 1),
    `${load.answers} answers through npm start with PULSE_CHAOS=${LOAD_CHAOS}: web and SMS, every survey, 1 in 6 a comment added`,
  );
  record('load.alertP50Ms', round(load.alertP50Ms, 1), 'first answer POST to its alert in the outbox');
  record('load.alertP99Ms', round(load.alertP99Ms, 1));
  record('load.lost', load.lost, 'answers lost or counted twice against a recount; must be 0');
  record('load.alertsAmiss', load.alertsAmiss, 'first answers alerted other than once; must be 0');
}

if (wanted('burst')) {
  const burst = await measureBurst();
  record(
    'burst.alertP50Ms',
    round(burst.alertP50Ms, 1),
    `${burst.answers} answers by SMS from ${burst.senders} senders at once, PULSE_CHAOS=${LOAD_CHAOS}`,
  );
  record('burst.alertP99Ms', round(burst.alertP99Ms, 1));
  record(
    'burst.settledMs',
    Math.round(burst.settledMs),
    'first answer to the last alert and the recount matched',
  );
  record(
    'burst.storedPerSecond',
    round(burst.storedPerSecond, 1),
    'answers stored a second, first text sent to the last answer stored',
  );
  record('burst.lost', burst.lost, 'must be 0');
  record('burst.alertsAmiss', burst.alertsAmiss, 'must be 0');
}

if (wanted('bundle')) {
  for (const bundle of await measureBundles()) {
    record(`bundle.${bundle.name}.bytes`, bundle.bytes, 'minified ESM, SDK bundled');
    record(`bundle.${bundle.name}.coldLoadMs`, round(bundle.coldLoadMs, 1), 'median of 5 fresh processes');
  }
}

writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
const width = Math.max(...rows.map(([key]) => key.length));
console.log(
  rows.map(([key, value, note]) => `${key.padEnd(width)}  ${value.padStart(12)}  ${note}`).join('\n'),
);
