import { describe, expect, it } from 'vitest';
import { InMemoryAggregateStore } from '../../test/support/in-memory.js';
import { BILLING } from '../../test/support/samples.js';
import { ValidationError } from '../platform/errors.js';
import { answerMetricsQuery, MetricsQuerySchema, readMetrics } from './read-metrics.js';

const NOW = new Date('2026-11-26T18:00:00Z');

const setUp = (minSample = 30) => {
  const aggregates = new InMemoryAggregateStore();
  return { aggregates, deps: { aggregates, clock: { now: () => NOW }, minSample } };
};

const query = (input: Record<string, unknown>) => MetricsQuerySchema.parse(input);

/** An NPS histogram from counts per score. */
const nps = (counts: Record<number, number>) => Array.from({ length: 11 }, (_, score) => counts[score] ?? 0);

describe('readMetrics', () => {
  it('sums the days of the window, today included, and nothing outside it', async () => {
    // Prepare
    const { aggregates, deps } = setUp();
    aggregates.put('nps', null, '2026-11-19', nps({ 0: 100 }));
    aggregates.put('nps', null, '2026-11-20', nps({ 10: 3 }));
    aggregates.put('nps', null, '2026-11-23', nps({ 9: 2, 6: 1 }));
    aggregates.put('nps', null, '2026-11-26', nps({ 7: 1, 1: 1 }));
    aggregates.put('nps', null, '2026-11-27', nps({ 0: 100 }));

    // Act
    const answer = await readMetrics(query({ survey: 'nps', window: '7d' }), deps);

    // Assess
    expect(aggregates.ranges).toEqual([
      { survey: 'nps', segment: null, from: '2026-11-20', to: '2026-11-26' },
    ]);
    expect(answer).toMatchObject({ n: 8, promoters: 5, passives: 1, detractors: 2, score: 37.5 });
  });

  it.each([
    {
      name: 'NPS',
      minSample: 30,
      stored: ['nps', BILLING, '2026-11-26', nps({ 10: 3, 9: 2, 8: 3, 5: 2 })],
      asked: { survey: 'nps', team: 'billing' },
      window: { survey: 'nps', window: '30d', from: '2026-10-28', to: '2026-11-26' },
      sample: { n: 10, score: 30, lowSample: true },
      counts: { promoters: 5, passives: 3, detractors: 2, marginOfError: 48.4 },
    },
    {
      name: 'CSAT',
      minSample: 2,
      stored: ['csat', { dimension: 'channel', value: 'chat' }, '2026-11-25', [1, 0, 1, 1, 1]],
      asked: { survey: 'csat', window: '90d', channel: 'chat' },
      window: { survey: 'csat', window: '90d', from: '2026-08-29', to: '2026-11-26' },
      sample: { n: 4, score: 50, lowSample: false },
      // 1.96·√(0.5·0.5 / 4)·100 = 49
      counts: { satisfied: 2, mean: 3.25, marginOfError: 49 },
    },
    {
      name: 'CES, with the mean as the score',
      minSample: 30,
      stored: ['ces', { dimension: 'agent', value: 'agent-7' }, '2026-11-26', [1, 0, 0, 1, 1, 0, 2]],
      asked: { survey: 'ces', window: '7d', agent: 'agent-7' },
      window: { survey: 'ces', window: '7d', from: '2026-11-20', to: '2026-11-26' },
      sample: { n: 5, score: 4.8, lowSample: true },
      // 1, 4, 5, 7, 7: sd² = (5·140 − 24²) / (5·4) = 6.2, 1.96·√(6.2 / 5) = 2.183
      counts: {
        easy: 3,
        neutral: 1,
        difficult: 1,
        percentEasy: 60,
        netEasy: 40,
        mean: 4.8,
        marginOfError: 2.18,
      },
    },
  ] as const)('answers the contract shape for $name', async ({ minSample, stored, asked, ...expected }) => {
    // Prepare
    const { aggregates, deps } = setUp(minSample);
    const [survey, segment, day, histogram] = stored;
    aggregates.put(survey, segment, day, [...histogram]);

    // Act
    const answer = await readMetrics(query(asked), deps);

    // Assess
    expect(answer).toEqual({
      ...expected.window,
      segment,
      ...expected.sample,
      ...expected.counts,
      // Nothing was sent in these windows: the rate has no denominator.
      sent: 0,
      responseRate: null,
    });
  });

  it('reads only the asked segment', async () => {
    // Prepare
    const { aggregates, deps } = setUp();
    aggregates.put('nps', { dimension: 'touchpoint', value: 'delivery' }, '2026-11-26', nps({ 9: 1 }));
    aggregates.put('nps', { dimension: 'touchpoint', value: 'support-ticket' }, '2026-11-26', nps({ 0: 1 }));
    aggregates.put('nps', null, '2026-11-26', nps({ 9: 1, 0: 1 }));

    // Act
    const answer = await readMetrics(query({ survey: 'nps', touchpoint: 'delivery' }), deps);

    // Assess
    expect(answer).toMatchObject({ n: 1, promoters: 1, score: 100 });
  });

  it('answers nulls and n 0 for a window without answers', async () => {
    // Prepare
    const { deps } = setUp();

    // Act
    const answer = await readMetrics(query({ survey: 'csat' }), deps);

    // Assess
    expect(answer).toMatchObject({ n: 0, score: null, mean: null, lowSample: true, segment: null });
  });

  it('flags a low sample below the configured minimum and not at it', async () => {
    // Prepare
    const { aggregates, deps } = setUp(5);
    aggregates.put('nps', null, '2026-11-26', nps({ 9: 4 }));
    const below = await readMetrics(query({ survey: 'nps' }), deps);
    aggregates.put('nps', null, '2026-11-25', nps({ 9: 1 }));

    // Act
    const at = await readMetrics(query({ survey: 'nps' }), deps);

    // Assess
    expect(below.lowSample).toBe(true);
    expect(at.lowSample).toBe(false);
  });

  it('rejects two dimensions at once, naming both', async () => {
    // Prepare
    const { aggregates, deps } = setUp();

    // Act
    const error = await readMetrics(query({ survey: 'nps', team: 'billing', agent: 'agent-7' }), deps).catch(
      (caught: unknown) => caught,
    );

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.field).sort()).toEqual(['agent', 'team']);
    expect(aggregates.ranges).toEqual([]);
  });

  it('compares with the previous window of the same length, read in one range with the current', async () => {
    // Prepare
    const { aggregates, deps } = setUp();
    aggregates.put('nps', null, '2026-11-12', nps({ 10: 100 }));
    aggregates.put('nps', null, '2026-11-13', nps({ 10: 2, 0: 4 }));
    aggregates.put('nps', null, '2026-11-19', nps({ 9: 1, 6: 1 }));
    aggregates.put('nps', null, '2026-11-20', nps({ 10: 3 }));
    aggregates.put('nps', null, '2026-11-23', nps({ 9: 2, 6: 1 }));
    aggregates.put('nps', null, '2026-11-26', nps({ 7: 1, 1: 1 }));
    aggregates.put('nps', null, '2026-11-27', nps({ 0: 100 }));

    // Act
    const answer = await readMetrics(query({ survey: 'nps', window: '7d', compare: 'previous' }), deps);

    // Assess
    expect(aggregates.ranges).toEqual([
      { survey: 'nps', segment: null, from: '2026-11-13', to: '2026-11-26' },
    ]);
    // Now 5 promoters, 2 detractors of 8: 37.5 ± 59.4. Before 3 and 5 of 8: −25 ± 1.96·√((1 − 1/16) / 8)·100
    // = 67.1. 62.5 is within √(59.4² + 67.1²) = 89.6.
    expect(answer).toMatchObject({
      from: '2026-11-20',
      to: '2026-11-26',
      n: 8,
      score: 37.5,
      marginOfError: 59.4,
    });
    expect(answer.previous).toEqual({
      from: '2026-11-13',
      to: '2026-11-19',
      n: 8,
      score: -25,
      marginOfError: 67.1,
      lowSample: true,
    });
    expect(answer.change).toEqual({ score: 62.5, significant: false });
  });

  it('compares a 30-day window with the 30 days before it', async () => {
    // Prepare
    const { aggregates, deps } = setUp(2);
    aggregates.put('csat', null, '2026-09-27', [0, 0, 0, 0, 100]);
    aggregates.put('csat', null, '2026-09-28', [10, 0, 0, 0, 0]);
    aggregates.put('csat', null, '2026-10-27', [10, 0, 0, 0, 0]);
    aggregates.put('csat', null, '2026-10-28', [0, 0, 0, 0, 20]);

    // Act
    const answer = await readMetrics(query({ survey: 'csat', compare: 'previous' }), deps);

    // Assess
    expect(aggregates.ranges).toEqual([
      { survey: 'csat', segment: null, from: '2026-09-28', to: '2026-11-26' },
    ]);
    expect(answer).toMatchObject({
      n: 20,
      score: 100,
      marginOfError: 0,
      previous: { from: '2026-09-28', to: '2026-10-27', n: 20, score: 0, marginOfError: 0, lowSample: false },
      change: { score: 100, significant: true },
    });
  });

  it('answers no change when the previous window has no answers', async () => {
    // Prepare
    const { aggregates, deps } = setUp();
    aggregates.put('ces', null, '2026-11-26', [0, 0, 0, 0, 0, 1, 1]);

    // Act
    const answer = await readMetrics(query({ survey: 'ces', window: '7d', compare: 'previous' }), deps);

    // Assess
    expect(answer.previous).toEqual({
      from: '2026-11-13',
      to: '2026-11-19',
      n: 0,
      score: null,
      marginOfError: null,
      lowSample: true,
    });
    expect(answer.change).toBeNull();
  });

  it('answers neither previous nor change without compare', async () => {
    // Prepare
    const { aggregates, deps } = setUp();
    aggregates.put('nps', null, '2026-11-26', nps({ 9: 1 }));

    // Act
    const answer = await readMetrics(query({ survey: 'nps' }), deps);

    // Assess
    expect(answer).not.toHaveProperty('previous');
    expect(answer).not.toHaveProperty('change');
  });

  it('refuses any comparison but previous, naming compare', async () => {
    // Prepare
    const { aggregates, deps } = setUp();

    // Act
    const error = await Promise.resolve()
      .then(() => answerMetricsQuery({ survey: 'nps', compare: 'lastYear' }, deps))
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(['compare']);
    expect(aggregates.ranges).toEqual([]);
  });

  it('defaults to the 30-day window', () => {
    // Act
    const parsed = query({ survey: 'ces' });

    // Assess
    expect(parsed.window).toBe('30d');
  });

  it('answers the invitations sent over the window and the response rate, from the same buckets', async () => {
    // Prepare
    const { aggregates, deps } = setUp();
    aggregates.put('nps', null, '2026-11-26', nps({ 9: 2, 3: 1 }));
    aggregates.putCounts('nps', null, '2026-11-25', { sent: 6, received: 7, 'skipped:fatigue': 1 });
    // Sent before the 7-day window: not counted, though its answers may be.
    aggregates.putCounts('nps', null, '2026-11-01', { sent: 40 });

    // Act
    const answer = await readMetrics(query({ survey: 'nps', window: '7d' }), deps);

    // Assess
    expect(answer).toMatchObject({ n: 3, sent: 6, responseRate: 50 });
  });
});
