import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { InMemoryAggregateStore } from '../../test/support/in-memory.js';
import { raceWrites } from '../../test/support/race.js';
import { DynamoDbAlertLedger } from './dynamodb-alert-ledger.js';
import { DynamoDbMetricAlertStates } from './dynamodb-metric-alert-states.js';
import { evaluateMetricAlerts, type MetricAlertDeps } from './evaluate-metric-alerts.js';
import { MetricAlertRulesSchema } from './metric-alert.js';
import type { Alert } from './ports.js';

const TODAY = '2026-11-26';
let table: Awaited<ReturnType<typeof freshTable>>;
let aggregates: InMemoryAggregateStore;
let published: Alert[];
let deps: MetricAlertDeps;
let now: Date;

/** NPS histograms (0..10) of `detractors` zeros, `passives` sevens and `promoters` tens. */
const npsDay = (detractors: number, passives: number, promoters: number): number[] => {
  const histogram = Array.from({ length: 11 }, () => 0);
  histogram[0] = detractors;
  histogram[7] = passives;
  histogram[10] = promoters;
  return histogram;
};

beforeEach(async () => {
  table = await freshTable();
  aggregates = new InMemoryAggregateStore();
  published = [];
  now = new Date(`${TODAY}T12:00:00.000Z`);
  deps = {
    metricRules: MetricAlertRulesSchema.parse([
      { survey: 'nps', below: 0, team: 'billing', minSample: 10 },
      { survey: 'nps', window: '7d', below: 20, minSample: 10 },
    ]),
    aggregates,
    metricStates: new DynamoDbMetricAlertStates(table.client, table.tableName),
    ledger: new DynamoDbAlertLedger(table.client, table.tableName),
    publisher: { publish: async (alert) => `sns-${published.push(alert)}` },
    clock: { now: () => now },
    minSample: 30,
    trendUrl: (rule) => `https://pulse.example.com/metrics/trend?survey=${rule.survey}`,
  };
});

const billing = { dimension: 'team', value: 'billing' } as const;
const kinds = () => published.map((alert) => `${alert.attributes.state}:${alert.attributes.team ?? 'all'}`);

describe('evaluateMetricAlerts', () => {
  it('alerts once when a team score falls below its line, with what a lead needs to read it', async () => {
    // Prepare: billing at NPS −20 on 10 answers; overall not counted.
    aggregates.put('nps', billing, TODAY, npsDay(4, 4, 2));

    // Act
    const first = await evaluateMetricAlerts(deps);
    const again = await evaluateMetricAlerts(deps);

    // Assess
    expect(first).toEqual({ published: 1 });
    expect(again).toEqual({ published: 0 });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      subject: 'NPS over 30 days fell to -20 for team billing (below 0)',
      dedupeKey: 'metric#nps/30d/team=billing#1#fell',
      attributes: {
        kind: 'metric',
        survey: 'nps',
        window: '30d',
        state: 'below',
        score: -20,
        team: 'billing',
        severity: 'high',
      },
    });
    expect(published[0]?.message).toContain('is -20 on 10 answers, below the alert line of 0.');
    expect(published[0]?.message).toContain('Trend: https://pulse.example.com/metrics/trend?survey=nps');
  });

  it('sends nothing while the score stays below, then one recovery notice, then a new alert on the next fall', async () => {
    // Prepare
    aggregates.put('nps', billing, TODAY, npsDay(6, 0, 4));
    await evaluateMetricAlerts(deps);
    aggregates.put('nps', billing, TODAY, npsDay(2, 0, 0));
    await evaluateMetricAlerts(deps);

    // Act: 8 promoters lift it to (12 − 8) / 20 = +20, then 12 detractors drop it to −25.
    aggregates.put('nps', billing, TODAY, npsDay(0, 0, 8));
    await evaluateMetricAlerts(deps);
    await evaluateMetricAlerts(deps);
    aggregates.put('nps', billing, TODAY, npsDay(12, 0, 0));
    await evaluateMetricAlerts(deps);

    // Assess
    expect(kinds()).toEqual(['below:billing', 'recovered:billing', 'below:billing']);
    expect(published[1]?.subject).toBe('NPS over 30 days recovered to 20 for team billing');
    expect(published[1]?.message).toContain(`It had been below 0 since ${now.toISOString()}.`);
    expect(published.map((alert) => alert.dedupeKey)).toEqual([
      'metric#nps/30d/team=billing#1#fell',
      'metric#nps/30d/team=billing#1#recovered',
      'metric#nps/30d/team=billing#2#fell',
    ]);
  });

  it('waits for the minimum number of answers before it alerts', async () => {
    // Prepare: every answer a detractor, one answer short of the rule's minimum.
    aggregates.put('nps', billing, TODAY, npsDay(9, 0, 0));
    const short = await evaluateMetricAlerts(deps);
    aggregates.put('nps', billing, TODAY, npsDay(1, 0, 0));

    // Act
    const enough = await evaluateMetricAlerts(deps);

    // Assess
    expect(short).toEqual({ published: 0 });
    expect(enough).toEqual({ published: 1 });
  });

  it('reads only the rule window: days that left it stop counting', async () => {
    // Prepare: the overall 7-day rule sees 10 detractors 8 days ago and 10 promoters today.
    aggregates.put('nps', null, '2026-11-18', npsDay(10, 0, 0));
    aggregates.put('nps', null, TODAY, npsDay(0, 0, 10));

    // Act
    await evaluateMetricAlerts(deps);

    // Assess
    expect(published).toEqual([]);
  });

  it('publishes the notice a crashed run owed, once, on the next run', async () => {
    // Prepare: the publisher fails after the state moved to below.
    aggregates.put('nps', billing, TODAY, npsDay(10, 0, 0));
    const publish = deps.publisher.publish;
    deps.publisher.publish = async () => {
      throw new Error('SNS unavailable');
    };
    const failed = await evaluateMetricAlerts(deps).catch((error: unknown) => error);
    deps.publisher.publish = publish;
    const soon = await evaluateMetricAlerts(deps);

    // Act: the next scheduled run.
    now = new Date(now.getTime() + 5 * 60_000);
    const retried = await evaluateMetricAlerts(deps);
    const after = await evaluateMetricAlerts(deps);

    // Assess
    expect(failed).toBeInstanceOf(AggregateError);
    expect((failed as AggregateError).message).toBe(
      '1 of 2 metric alert rules failed (nps/30d/team=billing: SNS unavailable)',
    );
    // A run right after may overlap the one that moved the state, so it leaves the notice to it.
    expect(soon).toEqual({ published: 0 });
    expect(retried).toEqual({ published: 1 });
    expect(after).toEqual({ published: 0 });
    expect(kinds()).toEqual(['below:billing']);
  });

  it('publishes once when a run starts while another is still publishing the notice it owes', async () => {
    // Prepare: the first run's publish hangs until released.
    aggregates.put('nps', billing, TODAY, npsDay(10, 0, 0));
    let release: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => {
      release = resolve;
    });
    const publish = deps.publisher.publish;
    let calls = 0;
    deps.publisher.publish = async (alert) => {
      calls += 1;
      if (calls === 1) await hanging;
      return publish(alert);
    };
    const first = evaluateMetricAlerts(deps);
    while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    // Act
    const second = await evaluateMetricAlerts(deps);
    release();
    await first;

    // Assess
    expect(second).toEqual({ published: 0 });
    expect(kinds()).toEqual(['below:billing']);
  });

  it('moves a rule once when two runs overlap, both having read it before either writes', async () => {
    // Prepare: both runs read the rule's state before either writes it; only the conditional write tells them apart.
    aggregates.put('nps', billing, TODAY, npsDay(10, 0, 0));
    const race = raceWrites(
      table.client,
      (command) => command instanceof PutItemCommand && command.input.Item?.type?.S === 'metric-alert-state',
    );
    const racing = { ...deps, metricStates: new DynamoDbMetricAlertStates(race.client, table.tableName) };

    // Act
    const runs = await Promise.all([evaluateMetricAlerts(racing), evaluateMetricAlerts(racing)]);

    // Assess
    expect(race.outcomes).toEqual(['written', 'refused']);
    expect(runs.reduce((sum, run) => sum + run.published, 0)).toBe(1);
    expect(kinds()).toEqual(['below:billing']);
  });

  it('alerts on the overall score with no segment attribute, so team-filtered subscribers do not get it', async () => {
    // Prepare
    aggregates.put('nps', null, TODAY, npsDay(5, 0, 5));

    // Act
    await evaluateMetricAlerts(deps);

    // Assess
    expect(published).toHaveLength(1);
    expect(published[0]?.subject).toBe('NPS over 7 days fell to 0 for all answers (below 20)');
    expect(Object.keys(published[0]?.attributes ?? {}).sort()).toEqual([
      'kind',
      'metric',
      'score',
      'severity',
      'state',
      'survey',
      'window',
    ]);
  });

  it('watches a response rate on the invitations sent, and says where to look when it collapses', async () => {
    // Prepare: 40 invitations sent over 7 days, 3 answers: 7.5 %, below a line of 10.
    deps.metricRules = MetricAlertRulesSchema.parse([
      { survey: 'nps', metric: 'responseRate', window: '7d', below: 10, minSample: 20 },
    ]);
    aggregates.putCounts('nps', null, '2026-11-24', { sent: 40 });
    aggregates.put('nps', null, TODAY, npsDay(1, 1, 1));

    // Act
    const fell = await evaluateMetricAlerts(deps);
    aggregates.put('nps', null, TODAY, npsDay(0, 0, 2));
    const still = await evaluateMetricAlerts(deps);

    // Assess: 5 answers of 40 is 12.5 %: recovered, once.
    expect([fell, still]).toEqual([{ published: 1 }, { published: 1 }]);
    expect(published[0]).toMatchObject({
      subject: 'Response rate of NPS surveys over 7 days fell to 7.5% for all invitations (below 10)',
      dedupeKey: 'metric#nps/7d/all/responseRate#1#fell',
      attributes: { kind: 'metric', metric: 'responseRate', score: 7.5, state: 'below' },
    });
    expect(published[0]?.message).toContain('on 40 invitations sent');
    expect(published[0]?.message).toContain('do not reach people');
    expect(published[1]?.attributes).toMatchObject({
      metric: 'responseRate',
      state: 'recovered',
      score: 12.5,
    });
  });

  it('lets a response rate decide nothing on fewer invitations sent than its minimum', async () => {
    deps.metricRules = MetricAlertRulesSchema.parse([
      { survey: 'nps', metric: 'responseRate', below: 10, minSample: 50 },
    ]);
    aggregates.putCounts('nps', null, '2026-11-24', { sent: 49 });

    expect(await evaluateMetricAlerts(deps)).toEqual({ published: 0 });
  });
});
