import { describe, expect, it } from 'vitest';
import { InMemoryAggregateStore } from '../../test/support/in-memory.js';
import type { CommentLabels } from '../insight/labels.js';
import { aggregateResponses } from './aggregate-responses.js';
import type { CountChange } from './fold.js';
import { labelCountsOf } from './insight-counts.js';
import { readTopics } from './read-topics.js';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const segments = { team: 'billing', channel: 'phone', touchpoint: 'support-ticket', agent: 'agent-7' };

const labels = (overrides: Partial<CommentLabels>): CommentLabels => ({
  invitationId: 'inv',
  survey: 'nps',
  day: '2026-11-25',
  score: 9,
  ...segments,
  status: 'done',
  sentiment: 'positive',
  topics: [],
  commentDigest: 'digest',
  ...overrides,
});

/** Answers and label changes through the fold, one stream record each, in order. */
const fold = async (aggregates: InMemoryAggregateStore, changes: Omit<CountChange, 'sequenceNumber'>[]) => {
  const records = changes.map((change, i) => ({ ...change, sequenceNumber: String(100 + i) }));
  const result = await aggregateResponses(
    'shardId-1',
    records.map((change) => ({ sequenceNumber: change.sequenceNumber, kind: 'change' as const, change })),
    { aggregates, clock: { now: () => NOW } },
  );
  expect(result.failed).toEqual([]);
};

const answer = (score: number) => ({
  before: null,
  after: { survey: 'nps' as const, day: '2026-11-25', score, segments },
});
const labelled = (before: CommentLabels | null, after: CommentLabels | null) => ({
  before: null,
  after: null,
  counts: labelCountsOf(before, after),
});

const B = labels({ invitationId: 'b', score: 3, sentiment: 'negative', topics: ['waiting', 'staff'] });

describe('readTopics', () => {
  it('ranks topics by mentions, with their sentiment, their score and how far each moves the overall score', async () => {
    const aggregates = new InMemoryAggregateStore();
    await fold(aggregates, [
      // Overall: 9, 3, 10, 0, 2: two promoters and three detractors of five, NPS −20.
      ...[9, 3, 10, 0, 2].map(answer),
      labelled(null, labels({ invitationId: 'a', score: 9, sentiment: 'positive', topics: ['waiting'] })),
      labelled(null, B),
      labelled(null, labels({ invitationId: 'c', score: 10, sentiment: 'positive', topics: [] })),
      labelled(null, labels({ invitationId: 'e', score: 2, sentiment: 'negative', topics: ['staff'] })),
    ]);

    const topics = await readTopics(
      { survey: 'nps', window: '7d' },
      { aggregates, clock: { now: () => NOW }, minSample: 30 },
    );

    expect(topics).toEqual({
      survey: 'nps',
      window: '7d',
      from: '2026-11-20',
      to: '2026-11-26',
      segment: null,
      comments: 4,
      sentiment: { positive: 2, neutral: 0, negative: 2, mixed: 0 },
      topics: [
        // staff: 3 and 2, NPS −100; without them 9, 10, 0: +33.3; −20 − 33.3 = −53.3.
        {
          topic: 'staff',
          mentions: 2,
          positive: 0,
          neutral: 0,
          negative: 2,
          mixed: 0,
          score: -100,
          impact: -53.3,
        },
        // waiting: 9 and 3, NPS 0; without them 10, 0, 2: −33.3; −20 + 33.3 = 13.3.
        {
          topic: 'waiting',
          mentions: 2,
          positive: 1,
          neutral: 0,
          negative: 1,
          mixed: 0,
          score: 0,
          impact: 13.3,
        },
      ],
    });
  });

  it('moves the counts when a comment is labelled again, and counts nothing while its answer is held', async () => {
    const aggregates = new InMemoryAggregateStore();
    const again = { ...B, topics: ['staff'], sentiment: 'mixed' as const };
    await fold(aggregates, [
      answer(3),
      labelled(null, B),
      labelled(B, again),
      labelled(null, labels({ invitationId: 'held', score: null, topics: ['price'] })),
      labelled(
        null,
        labels({ invitationId: 'pending', status: 'pending', sentiment: undefined, topics: [] }),
      ),
    ]);

    const topics = await readTopics(
      { survey: 'nps', window: '7d', team: 'billing' },
      { aggregates, clock: { now: () => NOW }, minSample: 30 },
    );

    expect(topics.comments).toBe(1);
    expect(topics.sentiment).toEqual({ positive: 0, neutral: 0, negative: 0, mixed: 1 });
    expect(topics.topics).toEqual([
      {
        topic: 'staff',
        mentions: 1,
        positive: 0,
        neutral: 0,
        negative: 0,
        mixed: 1,
        score: -100,
        impact: null,
      },
    ]);
  });
});
