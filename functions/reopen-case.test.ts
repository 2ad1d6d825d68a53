import { describe, expect, it } from 'vitest';
import { storesHeldTo } from '../test/support/grants.js';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { aCase, INVITATION_ID as CASE_ID } from '../test/support/samples.js';
import { createHandler } from './reopen-case.js';

/** Ana's case, opened at 10:15:03 and resolved at 11:40; the handler reopens at 09:05 the next day. */
const setup = async () => {
  const { cases, caseStats } = await freshStores();
  await cases.open(aCase());
  await cases.transition(CASE_ID, 'open', 'resolved', {
    resolvedAt: '2026-11-26T11:40:00.000Z',
    resolvedBy: 'priya.shah@example.com',
    resolution: { reason: 'called-back', note: 'Refunded the late fee.' },
  });
  const call = httpCaller(createHandler({ cases, clock: clockAt('2026-11-27T09:05:00Z') }));
  return { call, cases, caseStats };
};

describe('reopen-case', () => {
  it('opens the resolved case again as a new opening, as the signed-in lead', async () => {
    const { call, cases, caseStats } = await setup();

    const result = await call(httpEvent('reopen-case', { lead: 'lee.wong@example.com' }));

    expect(result.statusCode).toBe(200);
    const reopened = JSON.parse(result.body);
    expect(reopened).toMatchObject({
      status: 'open',
      openedAt: '2026-11-27T09:05:00.000Z',
      firstOpenedAt: '2026-11-26T10:15:03.000Z',
    });
    expect(reopened.resolution).toBeUndefined();
    expect(reopened.timeline.at(-1)).toEqual({
      kind: 'reopened',
      at: '2026-11-27T09:05:00.000Z',
      by: 'lee.wong@example.com',
      note: 'Ana wrote back: the refund never arrived.',
    });
    expect(await cases.get(CASE_ID)).toMatchObject({ status: 'open' });
    expect((await caseStats.range(null, '2026-11-27', '2026-11-27'))[0]?.counts).toEqual({
      opened: 1,
      reopened: 1,
    });
  });

  it('answers 409 for a case that is not resolved, and changes nothing', async () => {
    const { call, cases } = await setup();
    await call(httpEvent('reopen-case'));

    const again = await call(httpEvent('reopen-case'));

    expect(again.statusCode).toBe(409);
    expect(JSON.parse(again.body).error).toBe(`case ${CASE_ID} is open, so it cannot be reopened`);
    expect((await cases.get(CASE_ID))?.timeline?.filter((entry) => entry.kind === 'reopened')).toHaveLength(
      1,
    );
  });

  it('answers 400 naming a note that is too long, and 404 for a case that does not exist', async () => {
    const { call, cases } = await setup();

    const long = await call(httpEvent('reopen-case', { body: { note: 'x'.repeat(2001) } }));
    const missing = await call(httpEvent('reopen-case', { pathParameters: { caseId: 'no-such-case' } }));

    expect(long.statusCode).toBe(400);
    expect(JSON.parse(long.body).fields).toEqual([
      { field: 'note', message: 'must be at most 2000 characters' },
    ]);
    expect(missing.statusCode).toBe(404);
    expect(await cases.get(CASE_ID)).toMatchObject({ status: 'resolved' });
  });

  it("refuses (403) another team's case to a lead kept to some teams, and leaves it resolved", async () => {
    const { call, cases } = await setup();

    const other = await call(
      httpEvent('reopen-case', { lead: 'returns.lead@example.com', teams: ['returns'] }),
    );

    expect(other.statusCode).toBe(403);
    expect(await cases.get(CASE_ID)).toMatchObject({ status: 'resolved' });
  });

  it('does its work within what its wiring grants it: the case, its listing and its statistics', async () => {
    const { stores, held, destroy } = await storesHeldTo('reopen-case');
    try {
      await stores.cases.open(aCase());
      await stores.cases.transition(CASE_ID, 'open', 'resolved', { resolvedAt: '2026-11-26T11:40:00.000Z' });
      const call = httpCaller(createHandler({ cases: held.cases, clock: clockAt('2026-11-27T09:05:00Z') }));

      const result = await call(httpEvent('reopen-case'));

      expect(result.statusCode).toBe(200);
      expect((await stores.cases.list({ limit: 10 })).cases.map((listed) => listed.openedAt)).toEqual([
        '2026-11-27T09:05:00.000Z',
      ]);
    } finally {
      destroy();
    }
  });
});
