import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ensureTable, LOCAL_AWS } from '../infra/local/dynamodb-local.js';
import { aggregateResponses } from '../lib/aggregates/aggregate-responses.js';
import { DynamoDbAggregateStore } from '../lib/aggregates/dynamodb-aggregate-store.js';
import type { CountChange } from '../lib/aggregates/fold.js';
import { CaseSlaSchema, caseOf } from '../lib/cases/case.js';
import { DynamoDbCaseStore } from '../lib/cases/dynamodb-case-store.js';
import { type ConsoleDeps, routeConsole } from '../lib/console/console-routes.js';
import { DynamoDbSessionStore } from '../lib/console/dynamodb-session-store.js';
import { newSessionId, sessionFor } from '../lib/console/sessions.js';
import { DynamoDbFeedbackStore } from '../lib/feedback/dynamodb-feedback-store.js';
import { DEFAULT_TAXONOMY } from '../lib/insight/default-taxonomy.js';
import { DynamoDbLabelsStore } from '../lib/insight/dynamodb-labels-store.js';
import { DynamoDbResponseStore } from '../lib/invitations/dynamodb-response-store.js';
import type { Response } from '../lib/invitations/response.js';
import { SCALES, SURVEYS } from '../lib/surveys/scales.js';
import { addDays } from '../lib/surveys/window.js';
import { meterCapacity } from './consumed-capacity.js';

const TODAY = '2026-11-26';
const NOW = new Date(`${TODAY}T12:00:00.000Z`);
const TEAMS = ['billing', 'returns', 'onboarding', 'sales'];
/** Overviews rendered to measure the server's time. */
const RENDERS = 60;
const CASES = 30;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** A console request of the signed-in lead (`GET <path>`), as API Gateway's payload 2.0 hands it over. */
const requestOf = (path: string, sessionId: string): APIGatewayProxyEventV2 =>
  ({
    rawPath: path.split('?')[0],
    rawQueryString: path.split('?')[1] ?? '',
    queryStringParameters: Object.fromEntries(new URLSearchParams(path.split('?')[1] ?? '')),
    headers: { host: 'console.example.com', 'accept-language': 'en-GB' },
    cookies: [`pulse_session=${sessionId}`],
    requestContext: { http: { method: 'GET' }, requestId: 'bench' },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

/** `count` answers over the 90 days before today, every survey and team, folded as the aggregator does. */
const foldAnswers = async (aggregates: DynamoDbAggregateStore, count: number, from: number) => {
  const changes: CountChange[] = Array.from({ length: count }, (_, i) => {
    const survey = SURVEYS[i % 3] as (typeof SURVEYS)[number];
    const { min, max } = SCALES[survey];
    return {
      sequenceNumber: String(from + i + 1),
      before: null,
      after: {
        survey,
        day: addDays(TODAY, -(i % 90)),
        score: min + ((i * 7) % (max - min + 1)),
        segments: {
          team: TEAMS[i % TEAMS.length] as string,
          channel: 'phone',
          touchpoint: 'support-ticket',
          agent: `agent-${i % 12}`,
        },
      },
    };
  });
  for (let i = 0; i < changes.length; i += 1000) {
    const batch = changes.slice(i, i + 1000);
    await aggregateResponses(
      'shardId-bench',
      batch.map((change) => ({ sequenceNumber: change.sequenceNumber, kind: 'change' as const, change })),
      { aggregates, clock: { now: () => NOW } },
    );
  }
};

/**
 * The console's overview, served by its route over DynamoDB Local with 30 cases waiting: its read
 * units with 1,000 and with 10,000 answers stored (the same: day buckets, not answers), the server's
 * time to answer it (p50, p99 over 60 renders, warm), and the size of each page on the wire before
 * compression.
 */
export const measureConsole = async (endpoint: string) => {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  const meter = meterCapacity(client);
  const tableName = `bench-console-${Date.now()}`;
  await ensureTable(client, tableName);
  const aggregates = new DynamoDbAggregateStore(client, tableName);
  const cases = new DynamoDbCaseStore(client, tableName);
  const sessions = new DynamoDbSessionStore(client, tableName);
  const clock = { now: () => NOW };
  const deps: ConsoleDeps = {
    sessions,
    leads: [{ email: 'lead@example.com' }],
    signIn: { kind: 'local' },
    publicUrl: 'https://console.example.com',
    clock,
    metrics: { aggregates, clock, minSample: 30 },
    caseView: {
      cases,
      responses: new DynamoDbResponseStore(client, tableName),
      labels: new DynamoDbLabelsStore(client, tableName),
      clock,
    },
    sla: CaseSlaSchema.parse({}),
    taxonomy: DEFAULT_TAXONOMY,
    feedback: { feedback: new DynamoDbFeedbackStore(client, tableName), clock },
    rules: {
      // Three rules, one below its line: a page with a trend chart each.
      list: [
        { survey: 'nps', metric: 'score', window: '30d', below: 20 },
        { survey: 'csat', metric: 'score', window: '30d', below: 60, team: 'billing' },
        { survey: 'ces', metric: 'score', window: '90d', below: 4 },
      ],
      stateOf: async (ruleKey) =>
        ruleKey.startsWith('nps/')
          ? { status: 'below', episode: 1, score: 12.5, n: 800, changedAt: NOW.toISOString(), version: 1 }
          : null,
    },
  };
  for (let i = 0; i < CASES; i += 1) {
    const answeredAt = new Date(NOW.getTime() - i * 3_600_000).toISOString();
    const unhappy: Response = {
      invitationId: `case-${String(i).padStart(4, '0')}`,
      interactionId: `zd-${i}`,
      survey: 'nps',
      score: i % 7,
      comment: 'The wait was awful, 40 minutes on hold, and nobody called me back about the refund.',
      suspect: false,
      day: answeredAt.slice(0, 10),
      answeredAt,
      updatedAt: answeredAt,
      team: TEAMS[i % TEAMS.length] as string,
      channel: 'phone',
      touchpoint: 'support-ticket',
      agent: `agent-${i % 12}`,
      customerId: `c-${i}`,
      customerName: 'Ana',
      customerEmail: `ana-${i}@example.com`,
    };
    await cases.open(caseOf(unhappy, new Date(answeredAt)));
  }
  // A feedback page's worth of answers and more, each with a long comment and its labels.
  const feedback = deps.feedback.feedback;
  for (let i = 0; i < 60; i += 1) {
    const answeredAt = new Date(NOW.getTime() - i * 1_800_000).toISOString();
    await feedback.keep(`listed-${i}`, {
      interactionId: `zd-listed-${i}`,
      survey: 'nps',
      score: i % 11,
      category: i % 11 <= 6 ? 'detractor' : i % 11 <= 8 ? 'passive' : 'promoter',
      comment:
        i % 2 === 0
          ? 'The wait was awful, 40 minutes on hold, and nobody called me back about the refund. When I finally got through the agent was kind, but the problem is still not solved.'
          : '等了半天才有人接电话，客服态度还可以，但是退款到现在还没到账，希望尽快处理。',
      answeredAt,
      updatedAt: answeredAt,
      team: TEAMS[i % TEAMS.length] as string,
      agent: `agent-${i % 12}`,
      channel: 'phone',
      touchpoint: 'support-ticket',
      locale: i % 2 === 0 ? 'en' : 'zh-CN',
      suspect: false,
      sentiment: 'negative',
      topics: ['waiting', 'resolution', 'staff'],
      caseId: `case-${String(i).padStart(4, '0')}`,
    });
  }
  const sessionId = newSessionId();
  await sessions.keep(sessionId, sessionFor({ email: 'lead@example.com' }, NOW));
  const overview = () => routeConsole(requestOf('/console?window=30d', sessionId), deps);

  await foldAnswers(aggregates, 1_000, 0);
  meter.reset();
  await overview();
  const rru1k = meter.readUnits;
  await foldAnswers(aggregates, 9_000, 1_000);
  meter.reset();
  const page = await overview();
  const rru10k = meter.readUnits;

  const times: number[] = [];
  for (let i = 0; i < RENDERS; i += 1) {
    const started = performance.now();
    await overview();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const bytesOf = async (path: string) =>
    Buffer.byteLength(String((await routeConsole(requestOf(path, sessionId), deps)).body ?? ''), 'utf8');
  const pageBytes = {
    overview: Buffer.byteLength(String(page.body ?? ''), 'utf8'),
    overview90d: await bytesOf('/console?window=90d'),
    case: await bytesOf('/console/cases/case-0000'),
    cases: await bytesOf('/console/cases?status=open'),
    segmentsByAgent: await bytesOf('/console/segments?by=agent'),
    feedback: await bytesOf('/console/feedback'),
    topics: await bytesOf('/console/topics'),
    rules: await bytesOf('/console/rules'),
    signIn: Buffer.byteLength(
      String((await routeConsole(requestOf('/console/sign-in', ''), deps)).body ?? ''),
      'utf8',
    ),
  };
  client.destroy();
  return {
    overviewRru1k: rru1k,
    overviewRru10k: rru10k,
    overviewMsP50: percentile(times, 50),
    overviewMsP99: percentile(times, 99),
    pageBytes,
  };
};
