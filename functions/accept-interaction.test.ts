import { describe, expect, it } from 'vitest';
import { freshStores } from '../test/support/handlers.js';
import { clockAt, openPolicy } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { createHandler } from './accept-interaction.js';

const setup = async () => {
  const { invitations, contacts, responses } = await freshStores();
  const queued: { invitationId: string; dueAt: Date }[] = [];
  const handler = createHandler({
    invitations,
    sendQueue: { enqueue: async (invitationId, dueAt) => void queued.push({ invitationId, dueAt }) },
    clock: clockAt('2026-11-26T10:05:00Z'),
    contacts,
    policy: openPolicy({ delaySeconds: 3600 }),
    responses,
  });
  return { handler, queued, invitations };
};

describe('accept-interaction', () => {
  it('stores the invitation and schedules it one delay after the interaction', async () => {
    const { handler, queued, invitations } = await setup();

    const result = await handler(loadEvent('api-gateway/post-interactions.json'), context());

    expect(result).toMatchObject({ statusCode: 202 });
    const body = JSON.parse((result as { body: string }).body);
    expect(body).toMatchObject({
      interactionId: 'zd-48213',
      status: 'scheduled',
      dueAt: '2026-11-26T11:04:00.000Z',
    });
    expect(queued).toEqual([
      { invitationId: body.invitationId, dueAt: new Date('2026-11-26T11:04:00.000Z') },
    ]);
    expect(await invitations.get(body.invitationId)).toMatchObject({ team: 'billing', via: 'email' });
  });

  it('ignores unknown fields and names a wrong one', async () => {
    const { handler } = await setup();
    const event = loadEvent('api-gateway/post-interactions.json');
    const body = JSON.parse(event.body);
    event.body = JSON.stringify({
      ...body,
      extra: 'ignored',
      customer: { ...body.customer, timeZone: 'Mars/Olympus' },
    });

    const result = (await handler(event, context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual([
      { field: 'customer.timeZone', message: expect.any(String) },
    ]);
  });
});
