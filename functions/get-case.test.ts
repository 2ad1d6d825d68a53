import { describe, expect, it } from 'vitest';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { aCase, aHeldChange, aResponse, INVITATION_ID as CASE_ID } from '../test/support/samples.js';
import { createHandler } from './get-case.js';

const setup = async () => {
  const { cases, responses, labels } = await freshStores();
  return {
    cases,
    responses,
    labels,
    call: httpCaller(createHandler({ cases, responses, labels, clock: clockAt('2026-11-26T10:20:30Z') })),
  };
};

describe('get-case', () => {
  it('answers 200 with the case an alert links to', async () => {
    const { call, cases } = await setup();
    await cases.open(
      aCase({
        score: 3,
        comment: 'the wait was awful',
        customerName: 'Ana',
        customerEmail: 'ana@example.com',
        openedAt: '2026-11-26T10:15:03Z',
      }),
    );

    const result = await call(httpEvent('get-case'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      caseId: CASE_ID,
      status: 'open',
      score: 3,
      severity: 'high',
      comment: 'the wait was awful',
      customerName: 'Ana',
      openedAt: '2026-11-26T10:15:03.000Z',
    });
  });

  it('shows a change of its answer held as suspect, for the lead to read and release', async () => {
    const { call, cases, responses } = await setup();
    await cases.open(aCase({ score: 3, comment: '' }));
    await responses.save(
      aResponse({
        score: 3,
        comment: '',
        heldChange: aHeldChange({
          score: 1,
          comment: 'and nobody called back',
          reasons: ['the page script ran, but saw no tap, click or key'],
          signals: { ...aHeldChange().signals, interactions: 0, pageDwellMs: 700 },
          receivedAt: '2026-11-26T10:18:00.000Z',
        }),
      }),
    );

    const result = await call(httpEvent('get-case'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      caseId: CASE_ID,
      score: 3,
      comment: '',
      heldChange: {
        score: 1,
        comment: 'and nobody called back',
        reasons: ['the page script ran, but saw no tap, click or key'],
        receivedAt: '2026-11-26T10:18:00.000Z',
      },
    });
    expect(JSON.parse(result.body).heldChange.signals).toBeUndefined();
  });

  it('answers 404 for a case that does not exist', async () => {
    const { call } = await setup();

    const result = await call(httpEvent('get-case'));

    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body)).toEqual({ error: `no case ${CASE_ID}` });
  });

  it("refuses (403 naming caseId) another team's case to a lead kept to some teams, and shows their own", async () => {
    const { call, cases } = await setup();
    await cases.open(aCase({ team: 'billing' }));

    const other = await call(httpEvent('get-case', { lead: 'returns.lead@example.com', teams: ['returns'] }));
    const own = await call(
      httpEvent('get-case', { lead: 'billing.lead@example.com', teams: ['returns', 'billing'] }),
    );

    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toEqual({
      error: "caseId is another team's: this lead works returns only",
      field: 'caseId',
    });
    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ caseId: CASE_ID, team: 'billing' });
  });

  it('answers 404 to a lead kept to some teams for a case that does not exist', async () => {
    const { call } = await setup();

    const result = await call(
      httpEvent('get-case', { lead: 'billing.lead@example.com', teams: ['billing'] }),
    );

    expect(result.statusCode).toBe(404);
  });
});
