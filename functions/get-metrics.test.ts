import { describe, expect, it } from 'vitest';
import { httpEvent, metricsApi } from '../test/support/handlers.js';
import { BILLING, countedDay, npsHistogram as nps } from '../test/support/samples.js';
import { createHandler } from './get-metrics.js';

const setup = () => metricsApi(createHandler, '2026-11-26T12:00:00Z', 5);

describe('get-metrics', () => {
  it("answers the team's rolling NPS over the window's days, every write slot added up", async () => {
    const { call, aggregates } = await setup();
    await countedDay(aggregates, '2026-11-19', nps({ 0: 50 }));
    await countedDay(aggregates, '2026-11-20', nps({ 10: 3, 9: 1 }));
    await countedDay(aggregates, '2026-11-26', nps({ 8: 1, 2: 1 }));
    await countedDay(aggregates, '2026-11-26', nps({ 3: 1 }), 2);

    const result = await call(httpEvent('get-metrics'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      survey: 'nps',
      window: '7d',
      from: '2026-11-20',
      to: '2026-11-26',
      segment: BILLING,
      n: 7,
      promoters: 4,
      passives: 1,
      detractors: 2,
      score: 28.6,
      lowSample: false,
      marginOfError: 65.2,
    });
    expect(JSON.parse(result.body)).not.toHaveProperty('previous');
    expect(JSON.parse(result.body)).not.toHaveProperty('change');
  });

  it('compares with the previous 7 days when asked, and calls a rise beyond both margins significant', async () => {
    const { call, aggregates } = await setup();
    await countedDay(aggregates, '2026-11-12', nps({ 10: 50 }));
    await countedDay(aggregates, '2026-11-13', nps({ 0: 6 }));
    await countedDay(aggregates, '2026-11-19', nps({ 10: 2, 5: 2 }));
    await countedDay(aggregates, '2026-11-20', nps({ 10: 3, 9: 1 }));
    await countedDay(aggregates, '2026-11-26', nps({ 8: 1, 2: 1 }));
    await countedDay(aggregates, '2026-11-26', nps({ 3: 1 }), 2);

    const result = await call(httpEvent('get-metrics', { query: { compare: 'previous' } }));

    expect(result.statusCode).toBe(200);
    // Now 4 promoters, 2 detractors of 7: 28.57 ± 1.96·√((6/7 − (2/7)²) / 7)·100 = 65.24. Before 2 and 8
    // of 10: −60 ± 1.96·√((1 − 0.6²) / 10)·100 = 49.58. 88.57 > √(65.24² + 49.58²) = 81.94.
    expect(JSON.parse(result.body)).toMatchObject({
      from: '2026-11-20',
      to: '2026-11-26',
      segment: BILLING,
      n: 7,
      score: 28.6,
      marginOfError: 65.2,
      previous: {
        from: '2026-11-13',
        to: '2026-11-19',
        n: 10,
        score: -60,
        marginOfError: 49.6,
        lowSample: false,
      },
      change: { score: 88.6, significant: true },
    });
  });

  it('answers 400 naming compare when asked for a comparison it does not offer', async () => {
    const { call } = await setup();

    const result = await call(httpEvent('get-metrics', { query: { compare: 'lastYear' } }));

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toMatchObject([{ field: 'compare' }]);
  });

  it('answers 400 naming a survey that does not exist', async () => {
    const { call } = await setup();

    const result = await call(httpEvent('get-metrics', { query: { survey: 'eNPS' } }));

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toMatchObject([{ field: 'survey' }]);
  });

  it("answers a lead kept to one team that team's score, naming none, and refuses (403) another team's", async () => {
    const { call, aggregates } = await setup();
    await countedDay(aggregates, '2026-11-26', nps({ 10: 3, 0: 1 }));
    const asked = (query: Record<string, string | undefined>) =>
      httpEvent('get-metrics', { lead: 'billing.lead@example.com', teams: ['billing'], query });

    const own = await call(asked({ team: undefined }));
    const other = await call(asked({ team: 'returns' }));

    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ segment: BILLING, n: 4, score: 50 });
    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toEqual({
      error: "returns is not one of this lead's teams: billing",
      field: 'team',
    });
  });

  it("refuses (403) a lead kept to some teams every team's score, and an agent's, which spans teams", async () => {
    const { call } = await setup();
    const asked = (query: Record<string, string | undefined>) =>
      httpEvent('get-metrics', { lead: 'lead@example.com', teams: ['billing', 'returns'], query });

    const overall = await call(asked({ team: undefined }));
    const agent = await call(asked({ team: undefined, agent: 'agent-7' }));

    expect(overall.statusCode).toBe(403);
    expect(JSON.parse(overall.body)).toMatchObject({ field: 'team' });
    expect(agent.statusCode).toBe(403);
    expect(JSON.parse(agent.body)).toMatchObject({ field: 'agent' });
  });

  it("answers a lead of every team the overall score and any team's", async () => {
    const { call, aggregates } = await setup();
    await countedDay(aggregates, '2026-11-26', nps({ 10: 1 }));

    const overall = await call(httpEvent('get-metrics', { query: { team: undefined } }));
    const team = await call(httpEvent('get-metrics'));

    expect(JSON.parse(overall.body)).toMatchObject({ segment: null });
    expect(JSON.parse(team.body)).toMatchObject({ segment: BILLING, n: 1 });
  });
});
