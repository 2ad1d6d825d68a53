import { describe, expect, it } from 'vitest';
import { invitationIdOf } from '../lib/invitations/link-tokens.js';
import { ValidationError } from '../lib/platform/errors.js';
import { freshStores } from '../test/support/handlers.js';
import { clockAt, openPolicy, RecordingSendQueue } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { createHandler } from './accept-interaction-event.js';

const setup = async () => {
  const { invitations, responses, contacts, people } = await freshStores();
  const sendQueue = new RecordingSendQueue();
  const handler = createHandler({
    invitations,
    responses,
    contacts,
    people,
    sendQueue,
    clock: clockAt('2026-11-26T10:04:02Z'),
    policy: openPolicy({ delaySeconds: 3600, smsCountries: ['US'] }),
  });
  return { handler, invitations, sendQueue };
};

describe('accept-interaction-event', () => {
  it('stores the invitation of an InteractionCompleted event and queues it one delay after the interaction', async () => {
    const { handler, invitations, sendQueue } = await setup();

    const accepted = await handler(loadEvent('eventbridge/interaction-completed.json'), context());

    expect(accepted).toMatchObject({
      interactionId: 'zd-48214',
      status: 'scheduled',
      dueAt: '2026-11-26T11:04:00.000Z',
      duplicate: false,
    });
    expect(sendQueue.enqueued).toEqual([
      { invitationId: accepted.invitationId, dueAt: '2026-11-26T11:04:00.000Z' },
    ]);
    expect(await invitations.get(accepted.invitationId)).toMatchObject({
      survey: 'csat',
      via: 'email',
      team: 'onboarding',
      customer: { email: 'li.wei@example.com', locale: 'zh-CN' },
    });
  });

  it('throws a ValidationError naming the field of an invalid event, for the on-failure destination', async () => {
    const { handler, sendQueue } = await setup();
    const event = loadEvent('eventbridge/interaction-completed.json');
    event.detail.survey = 'nope';

    const error = await handler(event, context()).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(['survey']);
    expect(sendQueue.enqueued).toEqual([]);
  });

  it('throws a ValidationError naming customer.phone for an invitation by SMS to a satellite number', async () => {
    const { handler, invitations, sendQueue } = await setup();
    const event = loadEvent('eventbridge/interaction-completed.json');
    event.detail.inviteVia = 'sms';
    event.detail.customer.phone = '+870773123456';

    const error = await handler(event, context()).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: 'customer.phone', message: expect.stringMatching(/international network \(\+870\)/) },
    ]);
    expect(sendQueue.enqueued).toEqual([]);
    expect(await invitations.get(invitationIdOf('zd-48214'))).toBeNull();
  });
});
