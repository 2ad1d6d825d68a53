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
    });
  });

  it('answers 400 naming a survey that does not exist', async () => {
    const { call } = await setup();

    const result = await call(httpEvent('get-metrics', { query: { survey: 'eNPS' } }));

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toMatchObject([{ field: 'survey' }]);
  });
});
