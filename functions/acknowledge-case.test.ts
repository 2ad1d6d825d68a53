import { describe, expect, it } from 'vitest';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { aCase, INVITATION_ID as CASE_ID } from '../test/support/samples.js';
import { createHandler } from './acknowledge-case.js';

/** Ana's case, opened at 10:15:03, and the handler acknowledging at 10:21. */
const setup = async () => {
  const { cases } = await freshStores();
  await cases.open(aCase());
  const call = httpCaller(createHandler({ cases, clock: clockAt('2026-11-26T10:21:00Z') }));
  return { call, cases };
};

describe('acknowledge-case', () => {
  it('acknowledges the case as the signed-in lead, whoever the body names', async () => {
    const { call, cases } = await setup();
    const event = httpEvent('acknowledge-case', {
      lead: 'priya.shah@example.com',
      body: { by: 'someone-else@example.com' },
    });

    const result = await call(event);

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'priya.shah@example.com',
      acknowledgedAt: '2026-11-26T10:21:00.000Z',
    });
    expect(await cases.get(CASE_ID)).toMatchObject({ status: 'acknowledged' });
  });

  it('acknowledges as the integrator credential, keeping whom it says it acted for apart', async () => {
    const { call, cases } = await setup();
    const event = httpEvent('acknowledge-case', {
      credential: 'helpdesk',
      body: { by: 'priya.shah@example.com', actor: 'lead@example.com' },
    });

    const result = await call(event);

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      acknowledgedBy: 'integrator:helpdesk',
      acknowledgedOnBehalfOf: 'priya.shah@example.com',
    });
    expect(await cases.get(CASE_ID)).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'integrator:helpdesk',
    });
  });

  it('answers 409 for a case resolved already, and 404 for one that does not exist', async () => {
    const { call, cases } = await setup();
    await cases.transition(CASE_ID, 'open', 'resolved', { resolvedAt: '2026-11-26T10:20:00.000Z' });

    const resolved = await call(httpEvent('acknowledge-case'));
    const missing = await call(httpEvent('acknowledge-case', { pathParameters: { caseId: 'no-such-case' } }));

    expect(resolved.statusCode).toBe(409);
    expect(JSON.parse(resolved.body).error).toBe(`case ${CASE_ID} is resolved, so it cannot be acknowledged`);
    expect(missing.statusCode).toBe(404);
  });

  it("refuses (403) another team's case to a lead kept to some teams, and leaves it open", async () => {
    const { call, cases } = await setup();

    const other = await call(
      httpEvent('acknowledge-case', { lead: 'returns.lead@example.com', teams: ['returns'] }),
    );

    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toMatchObject({ field: 'caseId' });
    expect(await cases.get(CASE_ID)).toMatchObject({ status: 'open' });
  });

  it("acknowledges their own team's case for a lead kept to some teams", async () => {
    const { call, cases } = await setup();

    const own = await call(
      httpEvent('acknowledge-case', { lead: 'billing.lead@example.com', teams: ['billing'] }),
    );

    expect(own.statusCode).toBe(200);
    expect(await cases.get(CASE_ID)).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'billing.lead@example.com',
    });
  });
});
