import { describe, expect, it } from 'vitest';
import { CaseSlaSchema } from '../lib/cases/case.js';
import { acknowledgeCase } from '../lib/cases/cases.js';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { aCase } from '../test/support/samples.js';
import { createHandler } from './get-case-stats.js';

/** The fixture asks for billing over 30 days; the clock stands on 26 November. */
const setup = async () => {
  const { cases, caseStats } = await freshStores();
  const call = httpCaller(
    createHandler({
      caseStats,
      clock: clockAt('2026-11-26T18:00:00Z'),
      sla: CaseSlaSchema.parse({}),
      recoverySurvey: null,
      minSample: 30,
    }),
  );
  return { call, cases };
};

/** The fixture's request with exactly these query parameters. */
const statsEvent = (query: Record<string, string>) => {
  const event = httpEvent('get-case-stats');
  event.queryStringParameters = query;
  event.rawQueryString = new URLSearchParams(query).toString();
  return event;
};

const teamCase = (caseId: string, team: string) =>
  aCase({ invitationId: caseId, interactionId: `zd-${caseId}`, team, openedAt: '2026-11-26T10:00:00Z' });

describe('get-case-stats', () => {
  it("answers 200 with the team's figures, moved by the cases themselves, and says which day counts each", async () => {
    const { call, cases } = await setup();
    await cases.open(teamCase('b-1', 'billing'));
    await cases.open(teamCase('b-2', 'billing'));
    await cases.open(teamCase('s-1', 'shipping'));
    const acknowledging = { cases, clock: clockAt('2026-11-26T10:30:00Z') };
    await acknowledgeCase('b-1', { by: 'lead@example.com' }, acknowledging);
    await acknowledgeCase(
      's-1',
      { by: 'lead@example.com' },
      { cases, clock: clockAt('2026-11-26T12:00:00Z') },
    );
    await cases.transition('b-2', 'open', 'resolved', {
      resolvedAt: '2026-11-26T11:00:00Z',
      resolution: { reason: 'customer-unreachable', note: '' },
    });

    const result = await call(httpEvent('get-case-stats'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      window: '30d',
      from: '2026-10-28',
      to: '2026-11-26',
      team: 'billing',
      opened: 2,
      acknowledged: 1,
      resolved: 1,
      escalated: 0,
      timeToAcknowledge: { n: 1, medianSeconds: 1800, p90Seconds: 1800 },
      timeToResolve: { n: 1, medianSeconds: 3600, p90Seconds: 3600 },
      acknowledgedWithinSla: { n: 1, percent: 100 },
      resolutions: { 'customer-unreachable': 1, 'called-back': 0 },
      countedOn: { opened: 'the UTC day the case opened', winBack: 'the UTC day the case opened' },
    });
  });

  it('answers every team without a team', async () => {
    const { call, cases } = await setup();
    await cases.open(teamCase('b-1', 'billing'));
    await cases.open(teamCase('s-1', 'shipping'));

    const result = await call(statsEvent({ window: '7d' }));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ window: '7d', team: null, opened: 2 });
  });

  it.each([
    [{ status: 'open' }, [{ field: 'status', message: 'is not a known parameter' }]],
    [{ from: '2026-11-20', to: '2026-11-10' }, [{ field: 'from', message: 'must be on or before to' }]],
    [
      { window: '7d', from: '2026-11-20' },
      [
        { field: 'window', message: 'give a window, or from and to, not both' },
        { field: 'to', message: 'is required with from' },
      ],
    ],
    [{ window: 'month' }, [{ field: 'window', message: 'must be one of 7d, 30d, 90d' }]],
  ])('answers 400 naming the wrong parameter of %j', async (query, fields) => {
    const { call } = await setup();

    const result = await call(statsEvent(query));

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual(fields);
  });

  it('answers 400 naming from for a range longer than 400 days', async () => {
    const { call } = await setup();
    const result = await call(statsEvent({ from: '2025-01-01', to: '2026-11-26' }));

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual([
      { field: 'from', message: 'must be at most 400 days before to, both days included' },
    ]);
  });

  it("answers a lead kept to one team that team's figures, naming none, and refuses (403 naming team) another's", async () => {
    const { call, cases } = await setup();
    await cases.open(teamCase('b-1', 'billing'));
    await cases.open(teamCase('s-1', 'shipping'));
    const asked = (team: string | undefined) =>
      httpEvent('get-case-stats', { lead: 'billing.lead@example.com', teams: ['billing'], query: { team } });

    const own = await call(asked(undefined));
    const other = await call(asked('shipping'));

    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ team: 'billing', opened: 1 });
    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toMatchObject({ field: 'team' });
  });
});
