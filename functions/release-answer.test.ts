import { describe, expect, it } from 'vitest';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { aHeldChange, aResponse, aSentInvitation, INVITATION_ID } from '../test/support/samples.js';
import { createHandler } from './release-answer.js';

/** Ana's answer of 2, held as suspect (no script ran on the page) or counted. */
const answer = (suspect: boolean) =>
  aResponse({ score: 2, comment: '', suspect, ...(suspect ? { suspectReasons: ['no-script'] } : {}) });

const setup = async () => {
  const { invitations, responses } = await freshStores();
  await invitations.create(aSentInvitation());
  const call = httpCaller(createHandler({ invitations, responses, clock: clockAt('2026-11-26T12:05:00Z') }));
  return { call, responses };
};

describe('release-answer', () => {
  it('counts an answer held as suspect, keeping its reasons, and answers 200 with the invitation', async () => {
    const { call, responses } = await setup();
    await responses.save(answer(true));

    const result = await call(httpEvent('release-answer'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      status: 'answered',
      response: {
        score: 2,
        suspect: false,
        suspectReasons: ['no-script'],
        releasedAt: '2026-11-26T12:05:00.000Z',
        releasedBy: 'priya.shah@example.com',
      },
    });
    expect(await responses.get(INVITATION_ID)).toMatchObject({
      suspect: false,
      updatedAt: '2026-11-26T12:05:00.000Z',
      releasedBy: 'priya.shah@example.com',
    });
  });

  it('records the integrator credential that released an answer', async () => {
    const { call, responses } = await setup();
    await responses.save(answer(true));

    const result = await call(httpEvent('release-answer', { credential: 'helpdesk' }));

    expect(JSON.parse(result.body).response).toMatchObject({ releasedBy: 'integrator:helpdesk' });
    expect(await responses.get(INVITATION_ID)).toMatchObject({ releasedBy: 'integrator:helpdesk' });
  });

  it('makes a held change the counted answer, and answers 200 with the invitation', async () => {
    const { call, responses } = await setup();
    await responses.save(
      aResponse({
        score: 8,
        comment: '',
        heldChange: aHeldChange(),
      }),
    );

    const result = await call(httpEvent('release-answer'));

    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body);
    expect(body.response).toEqual({
      score: 2,
      comment: 'nobody called back',
      suspect: false,
      answeredAt: '2026-11-26T10:15:02.113Z',
      updatedAt: '2026-11-26T12:05:00.000Z',
      // Released this moment: its comment is analysed by the reactor next.
      topics: [],
      suspectReasons: ['posted 900 ms after the page loaded'],
      releasedAt: '2026-11-26T12:05:00.000Z',
      releasedBy: 'priya.shah@example.com',
    });
    const stored = await responses.get(INVITATION_ID);
    expect(stored).toMatchObject({ score: 2, updatedAt: '2026-11-26T12:05:00.000Z' });
    expect(stored?.heldChange).toBeUndefined();
  });

  it('answers 409 for an answer that is not held, and 404 without an answer', async () => {
    const { call, responses } = await setup();
    const unanswered = await call(httpEvent('release-answer'));
    await responses.save(answer(false));

    const counted = await call(httpEvent('release-answer'));

    expect(unanswered.statusCode).toBe(404);
    expect(counted.statusCode).toBe(409);
  });

  it("refuses (403) a lead kept to some teams another team's answer, and leaves it held", async () => {
    const { call, responses } = await setup();
    await responses.save(answer(true));

    const other = await call(
      httpEvent('release-answer', { lead: 'returns.lead@example.com', teams: ['returns'] }),
    );

    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toMatchObject({ field: 'interactionId' });
    expect(await responses.get(INVITATION_ID)).toMatchObject({ suspect: true });
  });

  it("releases their own team's answer for a lead kept to some teams", async () => {
    const { call, responses } = await setup();
    await responses.save(answer(true));

    const own = await call(
      httpEvent('release-answer', { lead: 'billing.lead@example.com', teams: ['billing'] }),
    );

    expect(own.statusCode).toBe(200);
    expect(await responses.get(INVITATION_ID)).toMatchObject({
      suspect: false,
      releasedBy: 'billing.lead@example.com',
    });
  });
});
