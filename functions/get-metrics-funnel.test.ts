import { describe, expect, it } from 'vitest';
import type { CountChange, CountsDelta } from '../lib/aggregates/fold.js';
import type { AggregateStore } from '../lib/aggregates/ports.js';
import { foldChanges, httpEvent, metricsApi } from '../test/support/handlers.js';
import { createHandler } from './get-metrics-funnel.js';

const NOW = '2026-11-26T12:00:10Z';
const segments = (team: string) => ({
  team,
  channel: 'phone',
  touchpoint: 'support-ticket',
  agent: 'agent-7',
});

/** Funnel steps and answers as the fold counts them, one stream record each. */
const fold = async (
  aggregates: AggregateStore,
  steps: [team: string, day: string, stage: string][],
  answers: [team: string, day: string, score: number][],
) => {
  const changes: CountChange[] = [
    ...steps.map(([team, day, stage]) => {
      const step: CountsDelta = { survey: 'nps', day, counts: { [stage]: 1 }, segments: segments(team) };
      return { sequenceNumber: '', before: null, after: null, counts: [step] };
    }),
    ...answers.map(([team, day, score]) => ({
      sequenceNumber: '',
      before: null,
      after: { survey: 'nps' as const, day, score, segments: segments(team) },
    })),
  ];
  await foldChanges(aggregates, changes, NOW);
};

describe('get-metrics-funnel', () => {
  it("answers a segment's stages in the window, skips and failures by reason, and the response rate", async () => {
    const { call, aggregates } = await metricsApi(createHandler, NOW, 3);
    await fold(
      aggregates,
      [
        ['billing', '2026-11-20', 'received'],
        ['billing', '2026-11-20', 'received'],
        ['billing', '2026-11-20', 'received'],
        ['billing', '2026-11-20', 'received'],
        ['billing', '2026-11-20', 'skipped:fatigue'],
        ['billing', '2026-11-21', 'sent'],
        ['billing', '2026-11-21', 'sent'],
        ['billing', '2026-11-22', 'failed:bounced'],
        ['billing', '2026-11-24', 'reminded'],
        // Before the window, and another team: not counted.
        ['billing', '2026-10-01', 'sent'],
        ['returns', '2026-11-21', 'sent'],
      ],
      [['billing', '2026-11-23', 9]],
    );

    const result = await call(httpEvent('get-metrics-funnel'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({
      survey: 'nps',
      window: '30d',
      from: '2026-10-28',
      to: '2026-11-26',
      segment: { dimension: 'team', value: 'billing' },
      received: 4,
      sent: 2,
      reminded: 1,
      cancelled: 0,
      skipped: { fatigue: 1 },
      failed: { bounced: 1 },
      answered: 1,
      responseRate: 50,
    });
  });

  it('answers a null response rate when nothing was sent', async () => {
    const { call } = await metricsApi(createHandler, NOW, 3);

    const result = await call(httpEvent('get-metrics-funnel', { query: { team: undefined } }));

    expect(JSON.parse(result.body)).toMatchObject({
      segment: null,
      sent: 0,
      answered: 0,
      responseRate: null,
    });
  });

  it('answers 400 naming a wrong window, and a comparison it does not offer', async () => {
    const { call } = await metricsApi(createHandler, NOW, 3);

    const window = await call(httpEvent('get-metrics-funnel', { query: { window: '2w' } }));
    const compare = await call(httpEvent('get-metrics-funnel', { query: { compare: 'previous' } }));

    expect(window.statusCode).toBe(400);
    expect(JSON.parse(window.body).fields).toMatchObject([{ field: 'window' }]);
    expect(compare.statusCode).toBe(400);
    expect(JSON.parse(compare.body).fields).toMatchObject([{ field: 'compare' }]);
  });

  it("answers a lead kept to one team that team's funnel, and refuses (403) another team's and a channel's", async () => {
    const { call, aggregates } = await metricsApi(createHandler, NOW, 3);
    await fold(
      aggregates,
      [
        ['billing', '2026-11-21', 'sent'],
        ['returns', '2026-11-21', 'sent'],
      ],
      [],
    );
    const asked = (query: Record<string, string | undefined>) =>
      httpEvent('get-metrics-funnel', { lead: 'billing.lead@example.com', teams: ['billing'], query });

    const own = await call(asked({ team: undefined }));
    const other = await call(asked({ team: 'returns' }));
    const channel = await call(asked({ team: undefined, channel: 'phone' }));

    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ segment: { dimension: 'team', value: 'billing' }, sent: 1 });
    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toMatchObject({ field: 'team' });
    expect(channel.statusCode).toBe(403);
    expect(JSON.parse(channel.body)).toMatchObject({ field: 'channel' });
  });
});
