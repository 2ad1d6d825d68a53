import { describe, expect, it } from 'vitest';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { aHeldChange, aResponse, aSentInvitation, INVITATION_ID, labelsOf } from '../test/support/samples.js';
import { createHandler } from './get-invitation.js';

/** Ana's invitation for zd-48213, due at 10:04:05 and sent at 10:04:07. */
const setup = async () => {
  const { invitations, responses, labels } = await freshStores();
  await invitations.create(
    aSentInvitation({ dueAt: '2026-11-26T10:04:05.000Z', sentAt: '2026-11-26T10:04:07.000Z' }),
  );
  const call = httpCaller(createHandler({ invitations, responses, labels }));
  return { call, invitations, responses, labels };
};

describe('get-invitation', () => {
  it('answers 200 with the status, the send time and the answer once there is one', async () => {
    const { call, responses, labels } = await setup();
    const answer = await responses.save(
      aResponse({ score: 3, comment: 'the wait was awful', suspect: false }),
    );
    await labels.put(labelsOf(answer, { status: 'done', sentiment: 'negative', topics: ['waiting'] }));

    const result = await call(httpEvent('get-invitation'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({
      interactionId: 'zd-48213',
      invitationId: INVITATION_ID,
      status: 'answered',
      dueAt: '2026-11-26T10:04:05.000Z',
      sentAt: '2026-11-26T10:04:07.000Z',
      response: {
        score: 3,
        comment: 'the wait was awful',
        suspect: false,
        answeredAt: '2026-11-26T10:15:02.113Z',
        updatedAt: '2026-11-26T10:15:02.113Z',
        insight: 'done',
        sentiment: 'negative',
        topics: ['waiting'],
      },
    });
  });

  it('says the analysis is pending while the labels are of the comment the customer changed', async () => {
    const { call, responses, labels } = await setup();
    const answer = await responses.save(aResponse({ comment: 'the wait was awful' }));
    await labels.put(labelsOf(answer, { status: 'done', sentiment: 'negative', topics: ['waiting'] }));
    await responses.save({ ...answer, comment: 'the agent was rude', updatedAt: '2026-11-26T10:16:00.000Z' });

    const result = await call(httpEvent('get-invitation'));

    expect(JSON.parse(result.body).response).toMatchObject({ insight: 'pending', topics: [] });
    expect(JSON.parse(result.body).response.sentiment).toBeUndefined();
  });

  it('shows a change of the counted answer held as suspect, without the signals behind it', async () => {
    const { call, responses } = await setup();
    await responses.save(
      aResponse({
        score: 8,
        comment: '',
        heldChange: aHeldChange(),
      }),
    );

    const result = await call(httpEvent('get-invitation'));

    expect(JSON.parse(result.body).response).toEqual({
      score: 8,
      comment: '',
      suspect: false,
      answeredAt: '2026-11-26T10:15:02.113Z',
      updatedAt: '2026-11-26T10:15:02.113Z',
      topics: [],
      heldChange: {
        score: 2,
        comment: 'nobody called back',
        reasons: ['posted 900 ms after the page loaded'],
        receivedAt: '2026-11-26T10:20:00.000Z',
      },
    });
  });

  it('shows what the customer texted that could not be read as a score, with when it came', async () => {
    const { call, invitations } = await setup();
    await invitations.transition(INVITATION_ID, 'sent', 'sent', {
      smsUnreadText: 'who is this?\nthe agent hung up on me',
      smsUnreadAt: '2026-11-26T11:02:00.000Z',
    });

    const result = await call(httpEvent('get-invitation'));

    expect(JSON.parse(result.body)).toMatchObject({
      status: 'sent',
      unreadSms: { text: 'who is this?\nthe agent hung up on me', receivedAt: '2026-11-26T11:02:00.000Z' },
    });
  });

  it('shows which credential sent the interaction', async () => {
    const { invitations, responses, labels } = await freshStores();
    await invitations.create(aSentInvitation({ receivedFrom: 'integrator:helpdesk' }));
    const call = httpCaller(createHandler({ invitations, responses, labels }));

    const result = await call(httpEvent('get-invitation'));

    expect(JSON.parse(result.body)).toMatchObject({ receivedFrom: 'integrator:helpdesk' });
  });

  it('answers 404 for an interaction never received', async () => {
    const { call } = await setup();

    const result = await call(httpEvent('get-invitation', { pathParameters: { interactionId: 'zd-99999' } }));

    expect(result.statusCode).toBe(404);
  });
});
