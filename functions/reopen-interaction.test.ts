import { describe, expect, it } from 'vitest';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { anInvitation, INVITATION_ID } from '../test/support/samples.js';
import { createHandler } from './reopen-interaction.js';

/** Ana's invitation for zd-48213, scheduled for 11:04, not gone out yet. */
const setup = async () => {
  const { invitations, responses } = await freshStores();
  await invitations.create(anInvitation({ status: 'scheduled', dueAt: '2026-11-26T11:04:00.000Z' }));
  const call = httpCaller(createHandler({ invitations, responses, clock: clockAt('2026-11-26T10:30:01Z') }));
  return { call, invitations };
};

describe('reopen-interaction', () => {
  it('answers 200 with the invitation cancelled when it had not gone out yet', async () => {
    const { call, invitations } = await setup();

    const result = await call(httpEvent('reopen-interaction'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      interactionId: 'zd-48213',
      reason: expect.stringContaining('2026-11-26T10:30:00.000Z'),
      status: 'cancelled',
      reasonCode: 'reopened',
    });
    expect((await invitations.get(INVITATION_ID))?.status).toBe('cancelled');
  });

  it('answers 404 for an interaction never received', async () => {
    const { call } = await setup();

    const result = await call(
      httpEvent('reopen-interaction', { pathParameters: { interactionId: 'zd-99999' } }),
    );

    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body).error).toMatch(/zd-99999/);
  });
});
