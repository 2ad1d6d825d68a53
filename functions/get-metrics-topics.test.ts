import { describe, expect, it } from 'vitest';
import type { CountChange } from '../lib/aggregates/fold.js';
import { labelCountsOf } from '../lib/aggregates/insight-counts.js';
import type { AggregateStore } from '../lib/aggregates/ports.js';
import type { CommentLabels } from '../lib/insight/labels.js';
import { foldChanges, httpEvent, metricsApi } from '../test/support/handlers.js';
import { createHandler } from './get-metrics-topics.js';

const NOW = '2026-11-26T12:00:10Z';
const segments = { team: 'billing', channel: 'phone', touchpoint: 'support-ticket', agent: 'agent-7' };

/** Answers of billing, each with its comment's labels when it has any, folded as their stream records would be. */
const fold = async (
  aggregates: AggregateStore,
  answers: { score: number; labels?: Pick<CommentLabels, 'sentiment' | 'topics'> }[],
) => {
  const changes: CountChange[] = answers.flatMap(({ score, labels }, i) => [
    {
      sequenceNumber: String(100 + 2 * i),
      before: null,
      after: { survey: 'nps' as const, day: '2026-11-25', score, segments },
    },
    ...(labels
      ? [
          {
            sequenceNumber: String(101 + 2 * i),
            before: null,
            after: null,
            counts: labelCountsOf(null, {
              invitationId: `i-${i}`,
              survey: 'nps',
              day: '2026-11-25',
              score,
              ...segments,
              status: 'done',
              commentDigest: `d-${i}`,
              ...labels,
            }),
          },
        ]
      : []),
  ]);
  await foldChanges(aggregates, changes, NOW);
};

describe('get-metrics-topics', () => {
  it('ranks the topics by mentions, with their sentiment, score and impact on the overall score', async () => {
    const { call, aggregates } = await metricsApi(createHandler, NOW, 3);
    await fold(aggregates, [
      { score: 2, labels: { sentiment: 'negative', topics: ['waiting', 'staff'] } },
      { score: 4, labels: { sentiment: 'negative', topics: ['waiting'] } },
      { score: 10, labels: { sentiment: 'positive', topics: ['staff'] } },
      { score: 9, labels: { sentiment: 'mixed', topics: ['waiting'] } },
      { score: 9 },
    ]);

    const result = await call(httpEvent('get-metrics-topics'));

    expect(result.statusCode).toBe(200);
    // Overall: 3 promoters, 2 detractors of 5 = 20. Waiting: 1 promoter, 2 detractors of 3 = -33.3;
    // without it: 2 promoters of 2 = 100, so waiting moves the score by 20 - 100 = -80.
    expect(JSON.parse(result.body)).toEqual({
      survey: 'nps',
      window: '30d',
      from: '2026-10-28',
      to: '2026-11-26',
      segment: { dimension: 'team', value: 'billing' },
      comments: 4,
      sentiment: { positive: 1, neutral: 0, negative: 2, mixed: 1 },
      topics: [
        {
          topic: 'waiting',
          mentions: 3,
          positive: 0,
          neutral: 0,
          negative: 2,
          mixed: 1,
          score: -33.3,
          impact: -80,
        },
        // Staff: 1 promoter, 1 detractor = 0; without: 2 promoters, 1 detractor of 3 = 33.3.
        {
          topic: 'staff',
          mentions: 2,
          positive: 1,
          neutral: 0,
          negative: 1,
          mixed: 0,
          score: 0,
          impact: -13.3,
        },
      ],
    });
  });

  it('answers 400 naming a wrong parameter', async () => {
    const { call } = await metricsApi(createHandler, NOW, 3);

    const result = await call(httpEvent('get-metrics-topics', { query: { survey: 'xps' } }));

    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('survey');
  });

  it("answers a lead kept to one team that team's topics, and refuses (403 naming team) another team's", async () => {
    const { call, aggregates } = await metricsApi(createHandler, NOW, 3);
    await fold(aggregates, [{ score: 2, labels: { sentiment: 'negative', topics: ['waiting'] } }]);
    const asked = (team: string | undefined) =>
      httpEvent('get-metrics-topics', {
        lead: 'billing.lead@example.com',
        teams: ['billing'],
        query: { team },
      });

    const own = await call(asked(undefined));
    const other = await call(asked('returns'));

    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({
      segment: { dimension: 'team', value: 'billing' },
      comments: 1,
    });
    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toMatchObject({ field: 'team' });
  });
});
