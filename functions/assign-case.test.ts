import { describe, expect, it } from 'vitest';
import type { Lead } from '../lib/settings/access.js';
import { storesHeldTo } from '../test/support/grants.js';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { aCase, INVITATION_ID as CASE_ID } from '../test/support/samples.js';
import { createHandler } from './assign-case.js';

/** The stage's leads: Priya and Lee of every team, and a lead kept to returns. */
const leads: Lead[] = [
  { email: 'priya.shah@example.com' },
  { email: 'lee.wong@example.com' },
  { email: 'returns.lead@example.com', teams: ['returns'] },
];

/** Ana's billing case, opened at 10:15:03, and the handler assigning at 10:18. */
const setup = async () => {
  const { cases } = await freshStores();
  await cases.open(aCase());
  const call = httpCaller(createHandler({ cases, clock: clockAt('2026-11-26T10:18:00Z'), leads }));
  return { call, cases };
};

describe('assign-case', () => {
  it('assigns the case to a lead as the signed-in lead, without acknowledging it', async () => {
    const { call, cases } = await setup();
    const event = httpEvent('assign-case', {
      lead: 'lee.wong@example.com',
      body: { assignee: 'priya.shah@example.com' },
    });

    const result = await call(event);

    expect(result.statusCode).toBe(200);
    const assigned = JSON.parse(result.body);
    expect(assigned).toMatchObject({
      status: 'open',
      assignee: 'priya.shah@example.com',
      assignedAt: '2026-11-26T10:18:00.000Z',
      assignedBy: 'lee.wong@example.com',
    });
    expect(assigned.timeline.at(-1)).toEqual({
      kind: 'assigned',
      at: '2026-11-26T10:18:00.000Z',
      by: 'lee.wong@example.com',
      assignee: 'priya.shah@example.com',
    });
    expect(await cases.get(CASE_ID)).toMatchObject({ status: 'open', assignee: 'priya.shah@example.com' });
  });

  it('assigns as the integrator credential, keeping whom it says it acted for apart', async () => {
    const { call } = await setup();
    const event = httpEvent('assign-case', {
      credential: 'helpdesk',
      body: { assignee: 'lee.wong@example.com', by: 'priya.shah@example.com' },
    });

    const result = await call(event);

    expect(JSON.parse(result.body)).toMatchObject({
      assignedBy: 'integrator:helpdesk',
      assignedOnBehalfOf: 'priya.shah@example.com',
    });
  });

  it('unassigns the case with a null assignee', async () => {
    const { call, cases } = await setup();
    await call(httpEvent('assign-case'));

    const result = await call(httpEvent('assign-case', { body: { assignee: null } }));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).timeline.at(-1)).toMatchObject({
      kind: 'unassigned',
      previousAssignee: 'priya.shah@example.com',
    });
    expect((await cases.get(CASE_ID))?.assignee).toBeUndefined();
  });

  it.each([
    ['someone who is not a lead', { assignee: 'ana@example.com' }, "must be one of the stage's leads"],
    [
      'a lead kept to other teams',
      { assignee: 'returns.lead@example.com' },
      'must be a lead who works team billing; returns.lead@example.com does not',
    ],
    ['no assignee', {}, 'is required'],
  ])('answers 400 naming the assignee for %s', async (_, body, message) => {
    const { call, cases } = await setup();

    const result = await call(httpEvent('assign-case', { body }));

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual([{ field: 'assignee', message }]);
    expect((await cases.get(CASE_ID))?.assignee).toBeUndefined();
  });

  it('answers 409 for a resolved case, and 404 for one that does not exist', async () => {
    const { call, cases } = await setup();
    await cases.transition(CASE_ID, 'open', 'resolved', { resolvedAt: '2026-11-26T10:17:00.000Z' });

    const resolved = await call(httpEvent('assign-case'));
    const missing = await call(httpEvent('assign-case', { pathParameters: { caseId: 'no-such-case' } }));

    expect(resolved.statusCode).toBe(409);
    expect(JSON.parse(resolved.body).error).toBe(`case ${CASE_ID} is resolved, so it cannot be assigned`);
    expect(missing.statusCode).toBe(404);
  });

  it("refuses (403) another team's case to a lead kept to some teams, and leaves it unassigned", async () => {
    const { call, cases } = await setup();

    const other = await call(
      httpEvent('assign-case', { lead: 'returns.lead@example.com', teams: ['returns'] }),
    );

    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toMatchObject({ field: 'caseId' });
    expect((await cases.get(CASE_ID))?.assignee).toBeUndefined();
  });

  it('does its work within what its wiring grants it', async () => {
    const { stores, held, destroy } = await storesHeldTo('assign-case');
    try {
      await stores.cases.open(aCase());
      const call = httpCaller(
        createHandler({ cases: held.cases, clock: clockAt('2026-11-26T10:18:00Z'), leads }),
      );

      const assigned = await call(httpEvent('assign-case'));
      const unassigned = await call(httpEvent('assign-case', { body: { assignee: '' } }));

      expect([assigned.statusCode, unassigned.statusCode]).toEqual([200, 200]);
    } finally {
      destroy();
    }
  });
});
