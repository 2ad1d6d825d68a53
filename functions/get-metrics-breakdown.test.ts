import { describe, expect, it } from 'vitest';
import { aggregateResponses } from '../lib/aggregates/aggregate-responses.js';
import type { CountChange } from '../lib/aggregates/fold.js';
import { computeFigures, histogramOf } from '../lib/aggregates/formulas.js';
import type { AggregateStore } from '../lib/aggregates/ports.js';
import { foldChanges, httpEvent, metricsApi } from '../test/support/handlers.js';
import { createHandler } from './get-metrics-breakdown.js';

const NOW = '2026-11-26T12:00:10Z';

/** Answers as the fold counts them: agent, UTC day, score. */
const fold = async (aggregates: AggregateStore, answers: [agent: string, day: string, score: number][]) => {
  const changes: CountChange[] = answers.map(([agent, day, score], i) => ({
    sequenceNumber: String(1000 + i),
    before: null,
    after: {
      survey: 'nps',
      day,
      score,
      segments: { team: 'billing', channel: 'phone', touchpoint: 'support-ticket', agent },
    },
  }));
  const result = await aggregateResponses(
    'shardId-1',
    changes.map((change) => ({
      sequenceNumber: change.sequenceNumber,
      kind: 'change' as const,
      change,
    })),
    { aggregates, clock: { now: () => new Date(NOW) } },
  );
  expect(result.failed).toEqual([]);
};

describe('get-metrics-breakdown', () => {
  it('answers every agent with answers in the window, busiest first, each as its own recount', async () => {
    const { call, aggregates } = await metricsApi(createHandler, NOW, 3);
    const answers: [string, string, number][] = [
      ['agent-7', '2026-11-26', 10],
      ['agent-7', '2026-11-20', 3],
      ['agent-7', '2026-11-01', 9],
      ['agent-2', '2026-11-25', 9],
      ['agent-2', '2026-11-25', 8],
      ['agent-2', '2026-11-12', 0],
      ['agent-2', '2026-10-28', 10],
      ['agent-9', '2026-10-20', 2],
    ];
    await fold(aggregates, answers);

    const result = await call(httpEvent('get-metrics-breakdown', { query: { compare: undefined } }));

    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body);
    expect(body).toMatchObject({
      survey: 'nps',
      window: '30d',
      from: '2026-10-28',
      to: '2026-11-26',
      by: 'agent',
    });
    const recount = (agent: string) => {
      const { survey: _survey, ...figures } = computeFigures(
        'nps',
        histogramOf(
          'nps',
          answers.filter(([a, day]) => a === agent && day >= '2026-10-28').map(([, , score]) => score),
        ),
        3,
      );
      return { value: agent, ...figures, sent: 0, responseRate: null };
    };
    // agent-9 answered only before the window: no row.
    expect(body.segments).toEqual([recount('agent-2'), recount('agent-7')]);
    expect(body.segments[0]).toMatchObject({
      n: 4,
      score: 25,
      marginOfError: expect.any(Number),
      lowSample: false,
    });
  });

  it('adds the previous window and the change, significant only beyond both margins', async () => {
    const { call, aggregates } = await metricsApi(createHandler, NOW, 3);
    const many = (agent: string, day: string, score: number, count: number) =>
      Array.from({ length: count }, (): [string, string, number] => [agent, day, score]);
    await fold(aggregates, [
      // agent-1: all detractors before, all promoters now: +200, beyond any margin.
      ...many('agent-1', '2026-10-10', 0, 5),
      ...many('agent-1', '2026-11-20', 10, 5),
      // agent-3: one answer each side: a change, never significant.
      ['agent-3', '2026-10-01', 10],
      ['agent-3', '2026-11-02', 0],
      // agent-4: nothing before.
      ['agent-4', '2026-11-03', 7],
    ]);

    const result = await call(httpEvent('get-metrics-breakdown'));

    const rows = JSON.parse(result.body).segments as Record<string, unknown>[];
    expect(rows.map(({ value, previous, change }) => ({ value, previous, change }))).toEqual([
      {
        value: 'agent-1',
        previous: {
          from: '2026-09-28',
          to: '2026-10-27',
          n: 5,
          score: -100,
          marginOfError: 0,
          lowSample: false,
        },
        change: { score: 200, significant: true },
      },
      {
        value: 'agent-3',
        previous: {
          from: '2026-09-28',
          to: '2026-10-27',
          n: 1,
          score: 100,
          marginOfError: 0,
          lowSample: true,
        },
        change: { score: -200, significant: false },
      },
      {
        value: 'agent-4',
        previous: {
          from: '2026-09-28',
          to: '2026-10-27',
          n: 0,
          score: null,
          marginOfError: null,
          lowSample: true,
        },
        change: null,
      },
    ]);
  });

  it('answers 400 naming a dimension it does not keep, and a missing one', async () => {
    const { call } = await metricsApi(createHandler, NOW, 3);

    const wrong = await call(httpEvent('get-metrics-breakdown', { query: { by: 'region' } }));
    const missing = await call(httpEvent('get-metrics-breakdown', { query: { by: undefined } }));

    expect(wrong.statusCode).toBe(400);
    expect(JSON.parse(wrong.body).fields).toMatchObject([{ field: 'by' }]);
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(missing.body).fields).toMatchObject([{ field: 'by' }]);
  });

  it("breaks a lead kept to some teams down by team to their teams' rows, and refuses (403 naming by) an agent breakdown", async () => {
    const { call, aggregates } = await metricsApi(createHandler, NOW, 3);
    await foldChanges(
      aggregates,
      ['billing', 'returns', 'shipping'].map((team) => ({
        sequenceNumber: '',
        before: null,
        after: {
          survey: 'nps' as const,
          day: '2026-11-25',
          score: 9,
          segments: { team, channel: 'phone', touchpoint: 'support-ticket', agent: 'agent-7' },
        },
      })),
      NOW,
    );
    const asked = (by: string) =>
      httpEvent('get-metrics-breakdown', {
        lead: 'lead@example.com',
        teams: ['billing', 'returns'],
        query: { by, compare: undefined },
      });

    const teams = await call(asked('team'));
    const agents = await call(asked('agent'));
    const everyTeam = await call(httpEvent('get-metrics-breakdown', { query: { by: 'team' } }));

    expect(teams.statusCode).toBe(200);
    expect(JSON.parse(teams.body).segments.map((row: { value: string }) => row.value)).toEqual([
      'billing',
      'returns',
    ]);
    expect(agents.statusCode).toBe(403);
    expect(JSON.parse(agents.body)).toMatchObject({ field: 'by' });
    expect(JSON.parse(everyTeam.body).segments.map((row: { value: string }) => row.value)).toEqual([
      'billing',
      'returns',
      'shipping',
    ]);
  });

  it('answers 400 before 403: a lead kept to teams asking for a dimension it does not keep is told so', async () => {
    const { call } = await metricsApi(createHandler, NOW, 3);

    const result = await call(
      httpEvent('get-metrics-breakdown', {
        lead: 'lead@example.com',
        teams: ['billing'],
        query: { by: 'region' },
      }),
    );

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toMatchObject([{ field: 'by' }]);
  });
});
