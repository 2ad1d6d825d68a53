import { describe, expect, it } from 'vitest';
import { MetricAlertRulesSchema } from '../lib/alerts/metric-alert.js';
import type { Alert } from '../lib/alerts/ports.js';
import { freshStores } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { countedDay, npsHistogram } from '../test/support/samples.js';
import { createHandler } from './evaluate-metric-alerts.js';

/** An NPS day of `detractors` zeros and `promoters` tens. */
const npsDay = (detractors: number, promoters: number) => npsHistogram({ 0: detractors, 10: promoters });

const setup = async () => {
  const { aggregates, metricStates, ledger } = await freshStores();
  const published: Alert[] = [];
  const handler = createHandler({
    metricRules: MetricAlertRulesSchema.parse([{ survey: 'nps', window: '7d', below: 0, team: 'billing' }]),
    aggregates,
    metricStates,
    ledger,
    publisher: { publish: async (alert) => `sns-${published.push(alert)}` },
    clock: clockAt('2026-11-26T12:00:00Z'),
    minSample: 10,
    trendUrl: (rule) => `https://pulse.example.com/metrics/trend?survey=${rule.survey}&team=${rule.team}`,
  });
  return { handler, aggregates, published };
};

describe('evaluate-metric-alerts', () => {
  it("publishes one metric alert when the team's rolling score falls below its line", async () => {
    const { handler, aggregates, published } = await setup();
    await countedDay(aggregates, '2026-11-24', npsDay(5, 1));
    await countedDay(aggregates, '2026-11-26', npsDay(2, 2));

    const first = await handler(loadEvent('eventbridge/scheduled.json'), context());
    const again = await handler(loadEvent('eventbridge/scheduled.json'), context());

    expect([first, again]).toEqual([{ published: 1 }, { published: 0 }]);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      subject: 'NPS over 7 days fell to -40 for team billing (below 0)',
      attributes: { kind: 'metric', state: 'below', team: 'billing', score: -40 },
    });
  });

  it("publishes nothing while the team's rolling score stays at or above its line", async () => {
    const { handler, aggregates, published } = await setup();
    await countedDay(aggregates, '2026-11-25', npsDay(5, 6));
    await countedDay(aggregates, '2026-11-26', npsDay(0, 0));

    const healthy = await handler(loadEvent('eventbridge/scheduled.json'), context());

    expect(healthy).toEqual({ published: 0 });
    expect(published).toEqual([]);
  });
});
