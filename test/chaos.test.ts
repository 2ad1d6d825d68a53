import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { DynamoDBClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerComprehendLocally } from '../infra/local/comprehend.js';
import { LOCAL_AWS } from '../infra/local/dynamodb-local.js';
import { type LocalRuntime, startLocalRuntime } from '../infra/local/runtime.js';
import { parseChaos } from '../infra/local/stream-poller.js';
import { computeFigures, type Fraction, histogramOf, roundFraction } from '../lib/aggregates/formulas.js';
import { ComprehendSentimentDetector } from '../lib/insight/comprehend-sentiment-detector.js';
import { DEFAULT_TAXONOMY } from '../lib/insight/default-taxonomy.js';
import { topicsOf } from '../lib/insight/topic-rules.js';
import { isUnhappy, SCALES, SURVEYS, type Survey } from '../lib/surveys/scales.js';
import { DIMENSIONS, type Dimension } from '../lib/surveys/segments.js';
import { SENTIMENTS, type Sentiment } from '../lib/surveys/sentiments.js';
import { previousWindowOf, type Window, WindowSchema, windowDays } from '../lib/surveys/window.js';
import { clientFor, formSignalsOf, interaction, surveyLinks } from './support/client.js';
import { between, pick, seededRandom } from './support/random.js';

const TEAMS = ['billing', 'shipping', 'returns', 'onboarding'] as const;
const AGENTS = ['agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5', 'agent-6'] as const;
const CHANNELS = ['phone', 'chat', 'email'] as const;
const TOUCHPOINTS = ['support-ticket', 'delivery', 'checkout'] as const;
const MIN_SAMPLE = 5;
const CONCURRENCY = 10;
/** Per phase (five phases): 300 interactions and 250 answers in all. */
const INTERACTIONS_PER_PHASE = 60;
const ANSWERS_PER_PHASE = 50;
/** Per phase after the first: 32 score changes and 20 added comments in all. */
const CHANGES_PER_PHASE = 8;
const COMMENTS_PER_PHASE = 5;
/** The share of first answers that come with a comment. */
const COMMENTED_SHARE = 0.5;

/**
 * What customers write, in English and Simplified Chinese, about the topics of the default taxonomy:
 * an unhappy score's comment is taken from `unhappy`, any other's from `other`, each list in turn, so
 * that the comments vary with no draw of the script's random sequence.
 */
const COMMENTS = {
  unhappy: [
    'the wait was awful',
    'the agent was rude and the problem is still not solved',
    'too expensive for what you get',
    '等了半天没人理',
    '快递太慢了',
    'I waited 40 minutes on hold before anyone picked up',
    'the product stopped working after two days and nobody called me back',
    'I had to explain my problem three times to different people',
    'the courier left the parcel at the wrong address',
    '价格太贵了，不值这个价',
    '问题到现在还没解决，太失望了',
    'the website is confusing and the checkout keeps crashing',
    '退款流程太麻烦了',
    'the agent was helpful but I waited too long',
    '送货很快，但是包装破损了',
    'they promised to call back and never did',
    '质量太差了，用了一周就坏了',
    "friendly staff, but the refund still hasn't arrived",
  ],
  other: [
    'great service, quick answer',
    '客服态度很好，问题解决了',
    'ok',
    'Sarah was friendly and sorted out my refund in minutes',
    'they fixed it on the first call, thank you',
    'good value for money, the quality is excellent',
    '客服很耐心，解释得很清楚',
    '质量很好，物流也快',
    '还行吧',
    'quick and painless, the agent knew exactly what to do',
    'delivery was on time but the box was damaged',
    '操作简单方便，客服回复也及时',
    'the app is easy to use but the price went up again',
    'called about my invoice',
    'no complaints',
    '价格有点贵，不过东西不错',
    'the parcel arrived a day early, well packed',
    '一般般',
  ],
} as const;

/** What customers add to a comment they already wrote, in turn. */
const LATER_REMARKS = [
  'Update: nobody has called me back since',
  'Update: they called back and the refund came through',
  '后来又打了好几次电话才解决',
  'Update: the replacement arrived and works fine',
  'Update: still waiting for my money back, it took 3 calls just to get a reference number',
  '后来退款到账了，谢谢',
  'Update: the second agent was much more helpful',
  '后来快递员主动联系我，态度很好',
] as const;

/** Days chosen so that the 7d, 30d and 90d windows at the end each hold a different set of answers. */
const PHASES = [
  '2026-09-10T12:00:00.000Z', // outside every window
  '2026-10-20T12:00:00.000Z', // 90d only
  '2026-11-25T12:00:00.000Z', // 30d and 90d
  '2026-12-10T12:00:00.000Z', // all three
  '2026-12-15T09:00:00.000Z', // all three, today
] as const;
const END = '2026-12-15T12:00:00.000Z';

interface Planned {
  interactionId: string;
  email: string;
  survey: Survey;
  team: string;
  agent?: string;
  channel: string;
  touchpoint: string;
}

interface Answer {
  interactionId: string;
  score: number;
  comment: string;
}

interface Phase {
  at: string;
  interactions: Planned[];
  answers: Answer[];
  changes: Answer[];
  comments: Answer[];
}

/**
 * The same deterministic script for both runtimes: 300 interactions over five days, 250 answered (half
 * of them with a comment), 32 scores changed later (often across the unhappy line), 20 comments written
 * or added to later without changing the score.
 * Alongside it, the model a hand count reads: each answer's final score, its first-answer day, and
 * whether it was ever unhappy, and the updates its case owes for each later change.
 */
const buildScript = () => {
  const random = seededRandom(4242);
  const phases: Phase[] = [];
  const planned = new Map<string, Planned>();
  const final = new Map<string, { score: number; comment: string; day: string }>();
  const everUnhappy = new Set<string>();
  /** `<interactionId>:<score>` of each change to an answer that has a case: one update each. */
  const updates: string[] = [];
  const sentAt = new Map<string, string>();
  const written = { unhappy: 0, other: 0 };
  const commentOn = (survey: Survey, score: number): string => {
    const tone = isUnhappy(survey, score) ? 'unhappy' : 'other';
    const pool = COMMENTS[tone];
    written[tone] += 1;
    return pool[(written[tone] - 1) % pool.length] as string;
  };
  let remarks = 0;
  const laterRemark = (): string => {
    remarks += 1;
    return LATER_REMARKS[(remarks - 1) % LATER_REMARKS.length] as string;
  };
  const record = (answer: Answer, day?: string) => {
    const previous = final.get(answer.interactionId);
    if (
      previous &&
      everUnhappy.has(answer.interactionId) &&
      (previous.score !== answer.score || previous.comment !== answer.comment)
    ) {
      updates.push(`${answer.interactionId}:${answer.score}`);
    }
    final.set(answer.interactionId, {
      score: answer.score,
      comment: answer.comment,
      day: previous?.day ?? (day as string),
    });
    const survey = planned.get(answer.interactionId)?.survey as Survey;
    if (isUnhappy(survey, answer.score)) everUnhappy.add(answer.interactionId);
  };
  let next = 0;
  for (const [index, at] of PHASES.entries()) {
    const phase: Phase = { at, interactions: [], answers: [], changes: [], comments: [] };
    for (let i = 0; i < INTERACTIONS_PER_PHASE; i += 1) {
      next += 1;
      const id = String(next).padStart(3, '0');
      const item: Planned = {
        interactionId: `ix-${id}`,
        email: `customer-${id}@example.com`,
        survey: SURVEYS[next % 3] as Survey,
        team: pick(random, TEAMS),
        channel: pick(random, CHANNELS),
        touchpoint: pick(random, TOUCHPOINTS),
        ...(random() < 0.9 ? { agent: pick(random, AGENTS) } : {}),
      };
      planned.set(item.interactionId, item);
      phase.interactions.push(item);
    }
    for (const item of phase.interactions.slice(0, ANSWERS_PER_PHASE)) {
      const { min, max } = SCALES[item.survey];
      const score = between(random, min, max);
      const answer = {
        interactionId: item.interactionId,
        score,
        comment: random() < COMMENTED_SHARE ? commentOn(item.survey, score) : '',
      };
      phase.answers.push(answer);
      record(answer, at.slice(0, 10));
      sentAt.set(item.interactionId, at);
    }
    if (index > 0) {
      // A survey takes answers for 30 days after its send: only those can still change.
      const answered = [...final.keys()].filter(
        (id) => Date.parse(at) - Date.parse(sentAt.get(id) as string) < 30 * 86_400_000,
      );
      const changed = new Set<string>();
      while (changed.size < CHANGES_PER_PHASE) changed.add(pick(random, answered));
      for (const interactionId of changed) {
        const survey = planned.get(interactionId)?.survey as Survey;
        const before = final.get(interactionId);
        const { min, max } = SCALES[survey];
        let score = between(random, min, max);
        if (score === before?.score) score = score === max ? min : score + 1;
        const change = { interactionId, score, comment: before?.comment ?? '' };
        phase.changes.push(change);
        record(change);
      }
      const commented = new Set<string>();
      while (commented.size < COMMENTS_PER_PHASE) commented.add(pick(random, answered));
      for (const interactionId of commented) {
        const before = final.get(interactionId);
        const score = before?.score as number;
        const survey = planned.get(interactionId)?.survey as Survey;
        const change = {
          interactionId,
          score,
          comment: before?.comment
            ? `${before.comment}${/\p{Script=Han}$/u.test(before.comment) ? '。' : '. '}${laterRemark()}`
            : commentOn(survey, score),
        };
        phase.comments.push(change);
        record(change);
      }
    }
    phases.push(phase);
  }
  return { phases, planned, final, everUnhappy, updates };
};

const script = buildScript();

/** Runs `task` over `items`, `CONCURRENCY` at a time, as a handful of browsers and integrators would. */
const inChunks = async <T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(i, i + CONCURRENCY).map(task))));
  }
  return results;
};

/** The UTC day each interaction's invitation went out, as the calm runtime's outbox shows it. */
const sentDays = new Map<string, string>();

/** Drives the whole script through one runtime, over HTTP, as integrators and customers would. */
const drive = async (runtime: LocalRuntime) => {
  const api = clientFor(runtime);
  const paths = new Map<string, string>();
  const expectStatus = (expected: number, what: string) => (response: { status: number; text: string }) => {
    if (response.status !== expected) throw new Error(`${what}: ${response.status} ${response.text}`);
  };
  /** As people do: every page loaded, a few seconds of reading, then each form sent from its page. */
  const answerAll = async (answers: Answer[]) => {
    const signals = new Map<string, Record<string, string>>();
    await inChunks(answers, async (answer) => {
      const page = await api.get(paths.get(answer.interactionId) as string, null);
      signals.set(answer.interactionId, formSignalsOf(page.text));
    });
    expectStatus(200, 'clock')(await api.post('/_local/clock', { advance: 'PT3S' }));
    await inChunks(answers, async (answer) =>
      expectStatus(
        200,
        `answer ${answer.interactionId}`,
      )(
        await api.call('POST', paths.get(answer.interactionId) as string, {
          token: null,
          form: {
            ...signals.get(answer.interactionId),
            score: String(answer.score),
            comment: answer.comment,
          },
        }),
      ),
    );
  };
  for (const phase of script.phases) {
    expectStatus(200, 'clock')(await api.post('/_local/clock', { set: phase.at }));
    await inChunks(phase.interactions, async (item) =>
      expectStatus(
        202,
        `interaction ${item.interactionId}`,
      )(
        await api.post(
          '/interactions',
          interaction({
            interactionId: item.interactionId,
            occurredAt: new Date(Date.parse(phase.at) - 5 * 60_000).toISOString(),
            survey: item.survey,
            customer: { id: `c-${item.interactionId}`, email: item.email, name: 'Sam' },
            team: item.team,
            agent: item.agent,
            channel: item.channel,
            touchpoint: item.touchpoint,
          }),
        ),
      ),
    );
    await runtime.settled();
    const emails = await api.outbox('email');
    for (const item of phase.interactions) {
      const email = emails.find((e) => e.input.Destination.ToAddresses.includes(item.email));
      if (!email) throw new Error(`no invitation email to ${item.email}`);
      sentDays.set(item.interactionId, String(email.at).slice(0, 10));
      const link = surveyLinks(email.input).get(SCALES[item.survey].min);
      paths.set(item.interactionId, new URL(link as string).pathname);
    }
    await answerAll(phase.answers);
    await answerAll(phase.changes);
    await answerAll(phase.comments);
    await runtime.settled();
  }
  expectStatus(200, 'clock')(await api.post('/_local/clock', { set: END }));
  await runtime.settled();
};

const segmentValues = (dimension: Dimension): string[] =>
  [...new Set([...script.planned.values()].map((item) => item[dimension]))]
    .filter((value): value is string => value !== undefined)
    .sort();

const QUERIES = SURVEYS.flatMap((survey) =>
  WindowSchema.options.flatMap((window) => [
    { survey, window, segment: null as { dimension: Dimension; value: string } | null },
    ...DIMENSIONS.flatMap((dimension) =>
      segmentValues(dimension).map((value) => ({ survey, window, segment: { dimension, value } })),
    ),
  ]),
);

const pathOf = (query: (typeof QUERIES)[number]) => {
  const params = new URLSearchParams({ survey: query.survey, window: query.window });
  if (query.segment) params.set(query.segment.dimension, query.segment.value);
  return `/metrics?${params}`;
};

/** The final answers a query counts: of its survey and segment, their first answer in its window. */
const countedBy = (query: (typeof QUERIES)[number], now: Date) => {
  const { from, to } = windowDays(query.window as Window, now);
  return [...script.final.entries()].filter(([id, answer]) => {
    const item = script.planned.get(id) as Planned;
    return (
      item.survey === query.survey &&
      answer.day >= from &&
      answer.day <= to &&
      (query.segment === null || item[query.segment.dimension] === query.segment.value)
    );
  });
};

/** What a hand count of the script says GET /metrics must answer. */
const expectedAnswer = (query: (typeof QUERIES)[number], now: Date) => {
  const { from, to } = windowDays(query.window as Window, now);
  const scores = countedBy(query, now).map(([, answer]) => answer.score);
  return {
    window: query.window,
    from,
    to,
    segment: query.segment,
    ...computeFigures(query.survey, histogramOf(query.survey, scores), MIN_SAMPLE),
  };
};

const metricsOf = async (runtime: LocalRuntime) => {
  const api = clientFor(runtime);
  const answers = await inChunks(QUERIES, async (query) => {
    const response = await api.get(pathOf(query));
    if (response.status !== 200) throw new Error(`${pathOf(query)}: ${response.status} ${response.text}`);
    return [pathOf(query), response.json] as const;
  });
  return Object.fromEntries(answers);
};

/** Topics overall and by team: one dimension is enough to see each label counted in its segment. */
const TOPIC_QUERIES = QUERIES.filter((query) => query.segment === null || query.segment.dimension === 'team');

const topicsPathOf = (query: (typeof QUERIES)[number]) =>
  pathOf(query).replace('/metrics?', '/metrics/topics?');

const topicsOfRuntime = async (runtime: LocalRuntime) => {
  const api = clientFor(runtime);
  const answers = await inChunks(TOPIC_QUERIES, async (query) => {
    const response = await api.get(topicsPathOf(query));
    if (response.status !== 200)
      throw new Error(`${topicsPathOf(query)}: ${response.status} ${response.text}`);
    return [topicsPathOf(query), response.json] as const;
  });
  return Object.fromEntries(answers);
};

interface Labels {
  sentiment: Sentiment;
  topics: string[];
}

/**
 * The labels of each final comment of the script, by interaction: the same analysers as the pipeline
 * run on the script's own text, so what is checked is that each is counted once, whatever the stream
 * did, and never what the table holds.
 */
const labelsOfScript = async (): Promise<Map<string, Labels>> => {
  const detector = new ComprehendSentimentDetector(answerComprehendLocally(new ComprehendClient(LOCAL_AWS)));
  const labels = new Map<string, Labels>();
  for (const [interactionId, { comment }] of script.final) {
    if (comment.trim() === '') continue;
    labels.set(interactionId, {
      // The script's customers give no locale: the language is read from the text.
      sentiment: await detector.detect(comment.trim(), undefined),
      topics: [...new Set(topicsOf(comment.trim(), DEFAULT_TAXONOMY))],
    });
  }
  return labels;
};

/** A survey's score over some scores as an exact fraction, by the README's formulas; null with none. */
const exactScore = (survey: Survey, scores: number[]): Fraction | null => {
  if (scores.length === 0) return null;
  const count = (test: (score: number) => boolean) => BigInt(scores.filter(test).length);
  const numerator =
    survey === 'nps'
      ? (count((s) => s >= 9) - count((s) => s <= 6)) * 100n
      : survey === 'csat'
        ? count((s) => s >= 4) * 100n
        : BigInt(scores.reduce((sum, s) => sum + s, 0));
  return { numerator, denominator: BigInt(scores.length) };
};

const sentimentSplit = (rows: readonly { sentiment: Sentiment }[]) =>
  Object.fromEntries(
    SENTIMENTS.map((sentiment) => [sentiment, rows.filter((row) => row.sentiment === sentiment).length]),
  ) as Record<Sentiment, number>;

/** What a hand count of the script says GET /metrics/topics must answer, ranked as the route ranks. */
const expectedTopics = (query: (typeof QUERIES)[number], now: Date, labels: Map<string, Labels>) => {
  const counted = countedBy(query, now);
  const commented = counted.flatMap(([id, answer]) => {
    const found = labels.get(id);
    return found ? [{ score: answer.score, ...found }] : [];
  });
  const overall = exactScore(
    query.survey,
    counted.map(([, answer]) => answer.score),
  );
  const topics = [...new Set(commented.flatMap((row) => row.topics))]
    .map((topic) => {
      const mentioning = commented.filter((row) => row.topics.includes(topic));
      const without = exactScore(
        query.survey,
        counted.filter(([id]) => !labels.get(id)?.topics.includes(topic)).map(([, answer]) => answer.score),
      );
      return {
        topic,
        mentions: mentioning.length,
        ...sentimentSplit(mentioning),
        score: computeFigures(
          query.survey,
          histogramOf(
            query.survey,
            mentioning.map((row) => row.score),
          ),
          MIN_SAMPLE,
        ).score,
        impact:
          overall && without
            ? roundFraction(
                {
                  numerator:
                    overall.numerator * without.denominator - without.numerator * overall.denominator,
                  denominator: overall.denominator * without.denominator,
                },
                1,
              )
            : null,
      };
    })
    .sort((a, b) => b.mentions - a.mentions || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
  return {
    survey: query.survey,
    window: query.window,
    ...windowDays(query.window as Window, now),
    segment: query.segment,
    comments: commented.length,
    sentiment: sentimentSplit(commented),
    topics,
  };
};

/** Every labels item of a runtime's table, read past the routes: a Scan, which only a test may make. */
const labelsItemsOf = async (runtime: LocalRuntime): Promise<Record<string, unknown>[]> => {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: runtime.dynamoDbEndpoint });
  const items: Record<string, unknown>[] = [];
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: runtime.tableName,
        ExclusiveStartKey: start,
        ConsistentRead: true,
        FilterExpression: 'sk = :labels',
        ExpressionAttributeValues: { ':labels': { S: 'INSIGHT' } },
      }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return items;
};

const BREAKDOWNS = SURVEYS.flatMap((survey) =>
  WindowSchema.options.flatMap((window) => DIMENSIONS.map((by) => ({ survey, window, by }))),
);

const breakdownPathOf = ({ survey, window, by }: (typeof BREAKDOWNS)[number]) =>
  `/metrics/breakdown?${new URLSearchParams({ survey, window, by, compare: 'previous' })}`;

const breakdownsOf = async (runtime: LocalRuntime) => {
  const api = clientFor(runtime);
  const answers = await inChunks(BREAKDOWNS, async (query) => {
    const response = await api.get(breakdownPathOf(query));
    if (response.status !== 200)
      throw new Error(`${breakdownPathOf(query)}: ${response.status} ${response.text}`);
    return [breakdownPathOf(query), response.json] as const;
  });
  return Object.fromEntries(answers);
};

/** The final scores of one survey and segment value whose first answer fell between two days. */
const scoresOf = (survey: Survey, by: Dimension, value: string, { from, to }: { from: string; to: string }) =>
  [...script.final.entries()]
    .filter(([id, answer]) => {
      const item = script.planned.get(id) as Planned;
      return item.survey === survey && item[by] === value && answer.day >= from && answer.day <= to;
    })
    .map(([, answer]) => answer.score);

/**
 * A plain recount of a score and its margin in floating point, from the scores themselves: the
 * formulas of the README, written out again rather than taken from the code under test.
 */
const plainEstimate = (survey: Survey, scores: number[]) => {
  const n = scores.length;
  const share = (test: (score: number) => boolean) => scores.filter(test).length / n;
  if (survey === 'nps') {
    const p = share((s) => s >= 9);
    const d = share((s) => s <= 6);
    return { n, score: (p - d) * 100, margin: 1.96 * Math.sqrt((p + d - (p - d) ** 2) / n) * 100 };
  }
  if (survey === 'csat') {
    const satisfied = share((s) => s >= 4);
    return { n, score: satisfied * 100, margin: 1.96 * Math.sqrt((satisfied * (1 - satisfied)) / n) * 100 };
  }
  const mean = scores.reduce((sum, s) => sum + s, 0) / n;
  const variance = n < 2 ? Number.NaN : scores.reduce((sum, s) => sum + (s - mean) ** 2, 0) / (n - 1);
  return { n, score: mean, margin: (1.96 * Math.sqrt(variance)) / Math.sqrt(n) };
};

/** What a hand count of the script says one breakdown must answer, its change checked apart (see below). */
const expectedBreakdown = (query: (typeof BREAKDOWNS)[number], now: Date) => {
  const current = windowDays(query.window as Window, now);
  const previous = previousWindowOf(current.from, current.to);
  const segments = segmentValues(query.by).flatMap((value) => {
    const scores = scoresOf(query.survey, query.by, value, current);
    if (scores.length === 0) return [];
    const { survey: _survey, ...figures } = computeFigures(
      query.survey,
      histogramOf(query.survey, scores),
      MIN_SAMPLE,
    );
    const before = computeFigures(
      query.survey,
      histogramOf(query.survey, scoresOf(query.survey, query.by, value, previous)),
      MIN_SAMPLE,
    );
    const sent = [...script.planned.values()].filter((item) => {
      const day = sentDays.get(item.interactionId) ?? '';
      return (
        item.survey === query.survey && item[query.by] === value && day >= current.from && day <= current.to
      );
    }).length;
    return [
      {
        value,
        ...figures,
        sent,
        responseRate: sent === 0 ? null : Number(((figures.n * 100) / sent).toFixed(1)),
        previous: {
          ...previous,
          n: before.n,
          score: before.score,
          marginOfError: before.marginOfError,
          lowSample: before.lowSample,
        },
      },
    ];
  });
  segments.sort((a, b) => b.n - a.n || a.value.localeCompare(b.value));
  return { survey: query.survey, window: query.window, ...current, by: query.by, segments };
};

/** The change since the previous window, recounted in floating point: null, or its score and significance. */
const plainChange = (query: (typeof BREAKDOWNS)[number], value: string, now: Date) => {
  const current = windowDays(query.window as Window, now);
  const now_ = plainEstimate(query.survey, scoresOf(query.survey, query.by, value, current));
  const before = plainEstimate(
    query.survey,
    scoresOf(query.survey, query.by, value, previousWindowOf(current.from, current.to)),
  );
  if (now_.n === 0 || before.n === 0) return null;
  const change = now_.score - before.score;
  const threshold = Math.sqrt(now_.margin ** 2 + before.margin ** 2);
  return {
    score: change,
    significant: now_.n >= 2 && before.n >= 2 && Math.abs(change) > threshold,
    /** Too close to the line for floating point to tell. */
    onTheLine: Math.abs(Math.abs(change) - threshold) < 1e-9,
  };
};

const interactionsAlerted = (alerts: { input: { Message: string } }[]) =>
  alerts.map((alert) => /^Interaction: (\S+)$/m.exec(alert.input.Message)?.[1]).sort();

describe('PULSE_CHAOS=redeliver=0.3,fail=0.1 through the local runtime', () => {
  let calm: LocalRuntime | undefined;
  let chaotic: LocalRuntime | undefined;

  beforeAll(async () => {
    [calm, chaotic] = await Promise.all([
      startLocalRuntime({
        port: 0,
        apiToken: 'calm-token',
        pollIntervalMs: 100,
        config: { minSample: MIN_SAMPLE },
      }),
      startLocalRuntime({
        port: 0,
        apiToken: 'chaos-token',
        pollIntervalMs: 100,
        config: { minSample: MIN_SAMPLE },
        chaos: parseChaos('redeliver=0.3,fail=0.1', seededRandom(20261215)),
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([calm?.stop(), chaotic?.stop()]);
  });

  it('serves the same metrics, alerts and cases for every survey, window and segment as a calm runtime', async () => {
    const [withoutChaos, withChaos] = [calm as LocalRuntime, chaotic as LocalRuntime];
    await Promise.all([drive(withoutChaos), drive(withChaos)]);
    const [calmMetrics, chaosMetrics] = await Promise.all([metricsOf(withoutChaos), metricsOf(withChaos)]);
    // Detractor alerts only: escalations of the cases nobody acknowledged follow the clock, not the stream.
    const detractorAlertsOf = async (runtime: LocalRuntime) =>
      (await clientFor(runtime).outbox('alert')).filter(
        (alert) => alert.input.MessageAttributes.kind.StringValue === 'detractor',
      );
    const [calmAlerts, chaosAlerts] = await Promise.all([
      detractorAlertsOf(withoutChaos),
      detractorAlertsOf(withChaos),
    ]);
    const now = withoutChaos.clock.now();
    const byHand = Object.fromEntries(QUERIES.map((query) => [pathOf(query), expectedAnswer(query, now)]));
    const answered = Object.values(calmMetrics).filter((answer) => answer.segment === null && answer.n > 0);

    expect(QUERIES.length).toBe(
      3 * 3 * (1 + TEAMS.length + AGENTS.length + CHANNELS.length + TOUCHPOINTS.length),
    );
    expect(new Set(answered.map((answer) => `${answer.survey}:${answer.n}`)).size).toBe(9);
    expect(chaosMetrics).toEqual(calmMetrics);
    expect(calmMetrics).toMatchObject(byHand);

    // What the comments speak of, each comment's labels counted once on its answer's day and team.
    const labels = await labelsOfScript();
    const topicsByHand = Object.fromEntries(
      TOPIC_QUERIES.map((query) => [topicsPathOf(query), expectedTopics(query, now, labels)]),
    );
    const [calmTopics, chaosTopics] = await Promise.all([
      topicsOfRuntime(withoutChaos),
      topicsOfRuntime(withChaos),
    ]);
    expect(TOPIC_QUERIES.length).toBe(3 * 3 * (1 + TEAMS.length));
    expect(calmTopics).toEqual(topicsByHand);
    expect(chaosTopics).toEqual(topicsByHand);
    const commentedAnswers = [...script.final.values()].filter((answer) => answer.comment.trim() !== '');
    const labelled = [...labels.values()];
    expect(commentedAnswers.length).toBeGreaterThan(100);
    expect(new Set(labelled.map((found) => found.sentiment))).toEqual(new Set(SENTIMENTS));
    expect(new Set(labelled.flatMap((found) => found.topics))).toEqual(
      new Set(DEFAULT_TAXONOMY.map((topic) => topic.id)),
    );
    const topicRows = Object.values(topicsByHand).flatMap((answer) => answer.topics);
    expect(topicRows.length).toBeGreaterThan(200);
    expect(topicRows.some((row) => (row.impact ?? 0) > 0)).toBe(true);
    expect(topicRows.some((row) => (row.impact ?? 0) < 0)).toBe(true);
    // Nothing left to analyse once the chaotic stream settled, and one done labels item per comment.
    const labelsItems = await labelsItemsOf(withChaos);
    expect(labelsItems.filter((item) => item.status === 'pending')).toEqual([]);
    expect(labelsItems.filter((item) => item.status === 'done')).toHaveLength(commentedAnswers.length);

    expect(chaosAlerts).toHaveLength(calmAlerts.length);
    expect(interactionsAlerted(chaosAlerts)).toEqual([...script.everUnhappy].sort());
    expect(interactionsAlerted(calmAlerts)).toEqual([...script.everUnhappy].sort());
    const casesOf = async (runtime: LocalRuntime) => {
      const ids: string[] = [];
      let after = '';
      do {
        const query = `/cases?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`;
        const page = (await clientFor(runtime).get(query)).json;
        ids.push(...page.cases.map((c: { interactionId: string }) => c.interactionId));
        after = page.next ?? '';
      } while (after);
      return ids.sort();
    };
    // A later change of an answer with a case is one update on it, chaos or not.
    const updatesOf = async (runtime: LocalRuntime) =>
      (await clientFor(runtime).outbox('alert'))
        .filter((alert) => alert.input.MessageAttributes.kind.StringValue === 'update')
        .map(
          (alert) => `${interactionsAlerted([alert])[0]}:${alert.input.MessageAttributes.score.StringValue}`,
        )
        .sort();
    expect(script.updates.length).toBeGreaterThan(10);
    expect(await updatesOf(withoutChaos)).toEqual([...script.updates].sort());
    expect(await updatesOf(withChaos)).toEqual([...script.updates].sort());
    expect(await casesOf(withChaos)).toEqual([...script.everUnhappy].sort());
    expect(await casesOf(withoutChaos)).toEqual([...script.everUnhappy].sort());
    expect(withChaos.deadLetters).toEqual([]);
    expect(withoutChaos.deadLetters).toEqual([]);

    // Segments side by side: every row, margin, previous window and change as a plain recount, chaos or not.
    const [calmBreakdowns, chaosBreakdowns] = await Promise.all([
      breakdownsOf(withoutChaos),
      breakdownsOf(withChaos),
    ]);
    expect(chaosBreakdowns).toEqual(calmBreakdowns);
    let rows = 0;
    let significant = 0;
    for (const query of BREAKDOWNS) {
      const served = calmBreakdowns[breakdownPathOf(query)];
      const { segments, ...rest } = expectedBreakdown(query, now);
      expect({
        ...served,
        segments: served.segments.map(({ change: _c, ...row }: Record<string, unknown>) => row),
      }).toEqual({
        ...rest,
        segments,
      });
      for (const row of served.segments as {
        value: string;
        change: { score: number; significant: boolean } | null;
      }[]) {
        rows += 1;
        const change = plainChange(query, row.value, now);
        if (change === null) {
          expect(row.change).toBeNull();
          continue;
        }
        expect(Math.abs((row.change?.score ?? Number.NaN) - change.score)).toBeLessThanOrEqual(0.05 + 1e-9);
        if (!change.onTheLine) expect(row.change?.significant).toBe(change.significant);
        if (row.change?.significant) significant += 1;
      }
    }
    // Every answer, readable: paging meets each final answer once, as it stands, chaos or not.
    const pagesOf = async (runtime: LocalRuntime, query: Record<string, string>) => {
      const seen: { interactionId: string; score: number; comment: string | null; answeredAt: string }[] = [];
      let after = '';
      do {
        const params = new URLSearchParams({ ...query, limit: '37', ...(after ? { after } : {}) });
        const page = await clientFor(runtime).get(`/responses?${params}`);
        if (page.status !== 200) throw new Error(`/responses?${params}: ${page.status} ${page.text}`);
        seen.push(...page.json.responses);
        after = page.json.next ?? '';
      } while (after);
      return seen;
    };
    const everything = { from: '2026-09-01', to: END.slice(0, 10) };
    for (const runtime of [withoutChaos, withChaos]) {
      const listed = await pagesOf(runtime, everything);
      expect(listed.map((entry) => entry.interactionId).sort()).toEqual([...script.final.keys()].sort());
      expect(listed.map((entry) => entry.answeredAt)).toEqual(
        listed.map((entry) => entry.answeredAt).sort((a, b) => b.localeCompare(a)),
      );
      for (const entry of listed) {
        const final = script.final.get(entry.interactionId);
        expect({ score: entry.score, comment: entry.comment ?? '' }).toEqual({
          score: final?.score,
          comment: final?.comment,
        });
      }
      // One filter by its own listing: billing's NPS detractors with a comment, each once.
      const filtered = await pagesOf(runtime, {
        ...everything,
        survey: 'nps',
        team: 'billing',
        category: 'detractor',
        hasComment: 'true',
      });
      const expected = [...script.final.entries()]
        .filter(([id, answer]) => {
          const item = script.planned.get(id) as Planned;
          return (
            item.survey === 'nps' && item.team === 'billing' && answer.score <= 6 && answer.comment !== ''
          );
        })
        .map(([id]) => id);
      expect(expected.length).toBeGreaterThan(0);
      expect(filtered.map((entry) => entry.interactionId).sort()).toEqual(expected.sort());
    }

    // The script gives the check something to find: many rows, some changes significant and some not.
    expect(rows).toBeGreaterThan(100);
    expect(significant).toBeGreaterThan(0);
    expect(significant).toBeLessThan(rows);
  }, 240_000);
});
