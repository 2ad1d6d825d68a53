import { describe, expect, it } from 'vitest';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { aCase } from '../test/support/samples.js';
import { createHandler } from './list-cases.js';

/** The case of an unhappy answer in `team`, opened at `openedAt`. */
const teamCase = (caseId: string, team: string, openedAt: string) =>
  aCase({ invitationId: caseId, interactionId: `zd-${caseId}`, team, openedAt });

const setup = async () => {
  const { cases } = await freshStores();
  const call = httpCaller(createHandler({ cases, clock: clockAt('2026-11-26T10:20:00Z') }));
  return { call, cases };
};

describe('list-cases', () => {
  it("answers the team's open cases, newest first", async () => {
    const { call, cases } = await setup();
    await cases.open(teamCase('older', 'billing', '2026-11-26T10:01:00Z'));
    await cases.open(teamCase('newer', 'billing', '2026-11-26T10:02:00Z'));
    await cases.open(teamCase('other-team', 'onboarding', '2026-11-26T10:03:00Z'));
    await cases.open(teamCase('acknowledged', 'billing', '2026-11-26T10:04:00Z'));
    await cases.transition('acknowledged', 'open', 'acknowledged', { acknowledgedBy: 'lead@example.com' });

    const result = await call(httpEvent('list-cases'));

    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body);
    expect(body.cases.map((listed: { caseId: string }) => listed.caseId)).toEqual(['newer', 'older']);
    expect(body.next).toBeUndefined();
  });

  it('answers 400 naming a status that does not exist', async () => {
    const { call } = await setup();

    const result = await call(httpEvent('list-cases', { query: { status: 'closed' } }));

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual([
      { field: 'status', message: 'must be one of open, acknowledged, resolved' },
    ]);
  });

  it("lists a lead kept to one team that team's cases, naming none, and refuses (403 naming team) another's", async () => {
    const { call, cases } = await setup();
    await cases.open(teamCase('billing-case', 'billing', '2026-11-26T10:01:00Z'));
    await cases.open(teamCase('returns-case', 'returns', '2026-11-26T10:02:00Z'));
    const asked = (query: Record<string, string | undefined>) =>
      httpEvent('list-cases', { lead: 'billing.lead@example.com', teams: ['billing'], query });

    const own = await call(asked({ team: undefined }));
    const other = await call(asked({ team: 'returns' }));

    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body).cases.map((listed: { caseId: string }) => listed.caseId)).toEqual([
      'billing-case',
    ]);
    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toMatchObject({ field: 'team' });
  });

  it('asks a lead of several teams to name one (403 naming team), and lists it when named', async () => {
    const { call, cases } = await setup();
    await cases.open(teamCase('returns-case', 'returns', '2026-11-26T10:02:00Z'));
    const asked = (team: string | undefined) =>
      httpEvent('list-cases', { lead: 'lead@example.com', teams: ['billing', 'returns'], query: { team } });

    const unnamed = await call(asked(undefined));
    const named = await call(asked('returns'));

    expect(unnamed.statusCode).toBe(403);
    expect(JSON.parse(unnamed.body)).toMatchObject({ field: 'team' });
    expect(JSON.parse(named.body).cases.map((listed: { caseId: string }) => listed.caseId)).toEqual([
      'returns-case',
    ]);
  });

  it("lists every team's cases for a lead of every team who names none", async () => {
    const { call, cases } = await setup();
    await cases.open(teamCase('billing-case', 'billing', '2026-11-26T10:01:00Z'));
    await cases.open(teamCase('returns-case', 'returns', '2026-11-26T10:02:00Z'));

    const result = await call(httpEvent('list-cases', { query: { team: undefined } }));

    expect(JSON.parse(result.body).cases.map((listed: { caseId: string }) => listed.caseId)).toEqual([
      'returns-case',
      'billing-case',
    ]);
  });
});
