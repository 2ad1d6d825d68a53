import { describe, expect, it } from 'vitest';
import { httpEvent, metricsApi } from '../test/support/handlers.js';
import { countedDay, npsHistogram as nps } from '../test/support/samples.js';
import { createHandler } from './get-metrics-trend.js';

const setup = () => metricsApi(createHandler, '2026-11-26T12:00:10Z', 2);

describe('get-metrics-trend', () => {
  it('answers one point per ISO week of the trailing days, the first and last clipped', async () => {
    const { call, aggregates } = await setup();
    await countedDay(aggregates, '2026-11-12', nps({ 0: 9 }));
    await countedDay(aggregates, '2026-11-14', nps({ 10: 2 }));
    await countedDay(aggregates, '2026-11-17', nps({ 10: 1, 0: 1 }));
    await countedDay(aggregates, '2026-11-22', nps({ 6: 2 }));
    await countedDay(aggregates, '2026-11-26', nps({ 9: 3, 7: 1 }));

    const result = await call(httpEvent('get-metrics-trend'));

    expect(result.statusCode).toBe(200);
    const trend = JSON.parse(result.body);
    expect(trend).toMatchObject({ survey: 'nps', bucket: 'week', from: '2026-11-13', to: '2026-11-26' });
    expect(
      trend.points.map(({ from, to, n, score }: Record<string, unknown>) => ({ from, to, n, score })),
    ).toEqual([
      { from: '2026-11-13', to: '2026-11-15', n: 2, score: 100 },
      { from: '2026-11-16', to: '2026-11-22', n: 4, score: -50 },
      { from: '2026-11-23', to: '2026-11-26', n: 4, score: 75 },
    ]);
  });

  it('answers 400 naming a bucket it does not offer', async () => {
    const { call } = await setup();

    const result = await call(httpEvent('get-metrics-trend', { query: { bucket: 'month' } }));

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toMatchObject([{ field: 'bucket' }]);
  });

  it("answers a lead kept to one team that team's trend, and refuses (403 naming team) another team's", async () => {
    const { call, aggregates } = await setup();
    await countedDay(aggregates, '2026-11-26', nps({ 9: 2 }));
    const asked = (team: string | undefined) =>
      httpEvent('get-metrics-trend', {
        lead: 'billing.lead@example.com',
        teams: ['billing'],
        query: { team },
      });

    const own = await call(asked(undefined));
    const other = await call(asked('returns'));

    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ segment: { dimension: 'team', value: 'billing' } });
    expect(JSON.parse(own.body).points.at(-1)).toMatchObject({ n: 2, score: 100 });
    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toMatchObject({ field: 'team' });
  });
});
