import { describe, expect, it } from 'vitest';
import { storesHeldTo } from '../test/support/grants.js';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { aCase, INVITATION_ID as CASE_ID } from '../test/support/samples.js';
import { createHandler } from './add-case-note.js';
import { createHandler as createGetCase } from './get-case.js';

/** Ana's case, opened at 10:15:03, the handler noting at 10:25, and GET /cases/{caseId} beside it. */
const setup = async () => {
  const { cases, responses, labels } = await freshStores();
  await cases.open(aCase());
  const clock = clockAt('2026-11-26T10:25:00Z');
  return {
    call: httpCaller(createHandler({ cases, clock })),
    read: httpCaller(createGetCase({ cases, responses, labels, clock })),
    cases,
  };
};

describe('add-case-note', () => {
  it('adds the note as the signed-in lead, whoever the body names, and GET /cases/{caseId} shows it', async () => {
    const { call, read } = await setup();
    const event = httpEvent('add-case-note', {
      lead: 'priya.shah@example.com',
      body: { note: "Tried Ana's phone: voicemail.", by: 'someone-else@example.com' },
    });

    const result = await call(event);
    const shown = await read(httpEvent('get-case'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ status: 'open' });
    expect(JSON.parse(shown.body).timeline).toEqual([
      { kind: 'opened', at: '2026-11-26T10:15:03.000Z', by: 'pulse', score: 3 },
      {
        kind: 'note',
        at: '2026-11-26T10:25:00.000Z',
        by: 'priya.shah@example.com',
        note: "Tried Ana's phone: voicemail.",
      },
    ]);
  });

  it('notes as the integrator credential, keeping whom it says it acted for apart', async () => {
    const { call } = await setup();
    const event = httpEvent('add-case-note', {
      credential: 'helpdesk',
      body: { note: 'Ticket reopened in the helpdesk.', by: 'priya.shah@example.com' },
    });

    const result = await call(event);

    expect(JSON.parse(result.body).timeline.at(-1)).toMatchObject({
      by: 'integrator:helpdesk',
      onBehalfOf: 'priya.shah@example.com',
    });
  });

  it('notes a resolved case too', async () => {
    const { call, cases } = await setup();
    await cases.transition(CASE_ID, 'open', 'resolved', { resolvedAt: '2026-11-26T10:20:00.000Z' });

    const result = await call(httpEvent('add-case-note'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ status: 'resolved' });
  });

  it.each([
    ['an empty note', '{"note":"   "}', 'must not be empty'],
    [
      'a note of 2,001 characters',
      JSON.stringify({ note: 'x'.repeat(2001) }),
      'must be at most 2000 characters',
    ],
    // A lone surrogate, as a JSON escape: a lead's text is refused, never repaired.
    [
      'a note that is not well-formed Unicode',
      '{"note":"call back \\ud83d"}',
      'must be well-formed Unicode text (it holds a lone UTF-16 surrogate)',
    ],
  ])('answers 400 naming the note for %s, and adds nothing', async (_, body, message) => {
    const { call, cases } = await setup();

    const result = await call(httpEvent('add-case-note', { body }));

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual([{ field: 'note', message }]);
    expect((await cases.get(CASE_ID))?.timeline).toHaveLength(1);
  });

  it('answers 404 for a case that does not exist', async () => {
    const { call } = await setup();

    const missing = await call(httpEvent('add-case-note', { pathParameters: { caseId: 'no-such-case' } }));

    expect(missing.statusCode).toBe(404);
  });

  it("refuses (403) another team's case to a lead kept to some teams, and adds nothing", async () => {
    const { call, cases } = await setup();

    const other = await call(
      httpEvent('add-case-note', { lead: 'returns.lead@example.com', teams: ['returns'] }),
    );

    expect(other.statusCode).toBe(403);
    expect((await cases.get(CASE_ID))?.timeline).toHaveLength(1);
  });

  it('does its work within what its wiring grants it', async () => {
    const { stores, held, destroy } = await storesHeldTo('add-case-note');
    try {
      await stores.cases.open(aCase());
      const call = httpCaller(createHandler({ cases: held.cases, clock: clockAt('2026-11-26T10:25:00Z') }));

      const result = await call(httpEvent('add-case-note'));

      expect(result.statusCode).toBe(200);
    } finally {
      destroy();
    }
  });
});
