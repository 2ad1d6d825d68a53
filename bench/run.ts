import './silence.js';
import { writeFileSync } from 'node:fs';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.js';
import { measureAggregationWrites, measureFoldThroughput } from './aggregation.js';
import { measureBundles } from './bundles.js';
import { measureContention } from './contention.js';
import { measureAnswerToAlert } from './end-to-end.js';
import { measureInvitations } from './invitations.js';
import { measureWindowReads } from './read-window.js';

const round = (value: number, decimals = 2) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const results: Record<string, number> = {};
const rows: [string, string, string][] = [];
const record = (key: string, value: number, note = '') => {
  results[key] = value;
  rows.push([key, String(value), note]);
};

const dynamo = await startDynamoDbLocal();
try {
  const writes = await measureAggregationWrites(dynamo.endpoint);
  record(
    'aggregation.wcuPerResponse',
    round(writes.wcuPerResponse, 3),
    'ReturnConsumedCapacity, batch 100, 5 dimensions',
  );
  record(
    'aggregation.naiveWcuPerResponse',
    round(writes.naiveWcuPerResponse, 3),
    'one update per record per segment, same run',
  );
  record(
    'aggregation.naiveToPulseRatio',
    round(writes.naiveWcuPerResponse / writes.wcuPerResponse, 1),
    'times fewer writes',
  );
  record(
    'aggregation.bucketsPerBatch',
    round(writes.bucketsPerBatch, 1),
    'conditional writes per 100 records',
  );
  const contention = await measureContention(dynamo.endpoint);
  record(
    'hotBucket.conflictsPerWriteOneSlot',
    round(contention.conflictsPerWriteOneSlot, 3),
    `${contention.shards} shards on one write slot`,
  );
  record(
    'hotBucket.conflictsPerWriteSpread',
    round(contention.conflictsPerWriteSpread, 3),
    'the same shards spread over the write slots',
  );
  record(
    'hotBucket.responsesPerSecondOneSlot',
    Math.round(contention.responsesPerSecondOneSlot),
    'one hot day bucket, DynamoDB Local',
  );
  record(
    'hotBucket.responsesPerSecondSpread',
    Math.round(contention.responsesPerSecondSpread),
    'same run, slots spread',
  );
  const reads = await measureWindowReads(dynamo.endpoint);
  record('read30d.rru10k', reads.rru10k, 'GET /metrics 30d over day buckets, 10,000 answers stored');
  record('read30d.rru100k', reads.rru100k, 'the same with 100,000 answers stored');
  record('read30d.recomputeRru10k', reads.recomputeRru10k, 'scan of the 10,000 answers, measured');
  record(
    'read30d.computedRecomputeRru10k',
    reads.computedRecomputeRru10k,
    "AWS's 4 KB rule on their sizes (checks the rule)",
  );
  record(
    'read30d.recomputeRru100k',
    reads.recomputeRru100k,
    "100,000 answers: AWS's 4 KB rule on their sizes",
  );
  record(
    'read30d.recomputeToPulseRatio100k',
    Math.round(reads.recomputeRru100k / reads.rru100k),
    'times fewer read units',
  );
} finally {
  await dynamo.stop();
}

record(
  'aggregation.recordsPerSecond',
  Math.round(await measureFoldThroughput()),
  'fold + fences, one core, no I/O',
);

const invitations = await measureInvitations();
record(
  'invitations.perSecond',
  round(invitations.perSecond, 1),
  `${invitations.interactions} interactions accepted and sent (1 in 5 by SMS), local runtime`,
);
record(
  'invitations.acceptedPerSecond',
  round(invitations.acceptedPerSecond, 1),
  'baseline: POST /interactions alone, same run',
);
record(
  'invitations.sesCallsPerRecipient',
  round(invitations.sesCallsPerRecipient, 3),
  'SendEmail calls per address',
);
record(
  'invitations.snsPublishesPerRecipient',
  round(invitations.smsPerRecipient, 3),
  'SMS Publish calls per number',
);

const e2e = await measureAnswerToAlert();
record(
  'e2e.answerToAlertP50Ms',
  round(e2e.answerToAlertP50Ms, 1),
  `${e2e.answers} answers, stream polled every ${e2e.pollIntervalMs} ms`,
);
record('e2e.answerToAlertP99Ms', round(e2e.answerToAlertP99Ms, 1), '');
record('local.startMs', Math.round(e2e.startMs), 'DynamoDB Local + table + handlers + server');

for (const bundle of await measureBundles()) {
  record(`bundle.${bundle.name}.bytes`, bundle.bytes, 'minified ESM, SDK bundled');
  record(`bundle.${bundle.name}.coldLoadMs`, round(bundle.coldLoadMs, 1), 'median of 5 fresh processes');
}

writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
const width = Math.max(...rows.map(([key]) => key.length));
console.log(
  rows.map(([key, value, note]) => `${key.padEnd(width)}  ${value.padStart(12)}  ${note}`).join('\n'),
);
