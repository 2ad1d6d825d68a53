import { describe, expect, it } from 'vitest';
import {
  InMemoryInvitationStore,
  noContacts,
  noPersonIndex,
  noResponses,
  openPolicy,
} from '../../test/support/in-memory.js';
import { RecordingSendQueues } from '../../test/support/send-fakes.js';
import { invitationIdOf } from './link-tokens.js';
import {
  type ScheduleInteractionDeps,
  scheduleInteraction,
  type ValidInteraction,
} from './schedule-interaction.js';

const NOW = '2026-11-26T10:05:00.000Z';

/** An interaction valid already, as resolve-case builds the recovery survey from a stored invitation. */
const interaction = (overrides: Partial<ValidInteraction> = {}): ValidInteraction => ({
  interactionId: 'zd-48213',
  occurredAt: '2026-11-26T10:04:00.000Z',
  survey: 'csat',
  customer: { id: 'c-981', email: 'ana@example.com', phone: '+14155550100', smsCountry: 'US' },
  touchpoint: 'support-ticket',
  channel: 'phone',
  team: 'billing',
  ...overrides,
});

/** Scheduling as resolve-case runs it, for a stage that texts `smsCountries` (default: the US). */
const setUp = (smsCountries: string[] = ['US']) => {
  const invitations = new InMemoryInvitationStore();
  const sendQueue = new RecordingSendQueues();
  const deps: ScheduleInteractionDeps = {
    invitations,
    sendQueue,
    clock: { now: () => new Date(NOW) },
    contacts: noContacts,
    people: noPersonIndex,
    policy: openPolicy({ delaySeconds: 3600, smsCountries }),
    responses: noResponses,
  };
  return { deps, invitations, sendQueue };
};

describe('scheduleInteraction', () => {
  it.each([
    ['email', undefined],
    ['sms', 'sms'],
  ] as const)('queues an invitation that goes by %s on the queue of that channel', async (via, inviteVia) => {
    const { deps, invitations, sendQueue } = setUp();

    const accepted = await scheduleInteraction(interaction(inviteVia ? { inviteVia } : {}), deps);

    const invitationId = invitationIdOf('zd-48213');
    expect(accepted).toMatchObject({ invitationId, status: 'scheduled', duplicate: false });
    expect(invitations.items.get(invitationId)).toMatchObject({ via });
    expect(sendQueue.enqueued).toEqual([
      { invitationId, dueAt: '2026-11-26T11:04:00.000Z', via, kind: 'invitation' },
    ]);
  });

  it('queues a repeated interaction again on the channel of the stored invitation', async () => {
    const { deps, sendQueue } = setUp();
    await scheduleInteraction(interaction({ inviteVia: 'sms' }), deps);

    const again = await scheduleInteraction(interaction(), deps);

    expect(again).toMatchObject({ status: 'scheduled', duplicate: true });
    expect(sendQueue.enqueued.map(({ via }) => via)).toEqual(['sms', 'sms']);
  });

  it('stores the phone number as it is given: reading it is intake’s part', async () => {
    const { deps, invitations } = setUp();

    await scheduleInteraction(interaction({ inviteVia: 'sms' }), deps);

    expect(invitations.items.get(invitationIdOf('zd-48213'))?.customer.phone).toBe('+14155550100');
  });

  describe('the numbers it texts, as for a recovery survey made from a stored invitation', () => {
    it.each([
      [
        'in a country the stage no longer texts',
        { id: 'c-981', phone: '+16135550100', smsCountry: 'CA' },
        'destination: the number is in CA, and the stage texts only US',
      ],
      [
        'with no country it may be texted in, as stored before countries were read',
        { id: 'c-981', phone: '+14155550100' },
        expect.stringMatching(/^destination: the number has no country it may be texted in/),
      ],
    ])(
      'skips an SMS invitation to a number %s, with the reason, and queues nothing',
      async (_, customer, reason) => {
        const { deps, invitations, sendQueue } = setUp(['US']);

        const accepted = await scheduleInteraction(interaction({ inviteVia: 'sms', customer }), deps);

        expect(accepted).toMatchObject({ status: 'skipped', reasonCode: 'destination', reason });
        expect(invitations.items.get(invitationIdOf('zd-48213'))).toMatchObject({
          status: 'skipped',
          reasonCode: 'destination',
        });
        expect(sendQueue.enqueued).toEqual([]);
      },
    );

    it('invites by email a customer whose number it would not text', async () => {
      const { deps, sendQueue } = setUp(['US']);

      const accepted = await scheduleInteraction(
        interaction({ customer: { id: 'c-981', email: 'ana@example.com', phone: '+881612345678' } }),
        deps,
      );

      expect(accepted.status).toBe('scheduled');
      expect(sendQueue.enqueued.map(({ via }) => via)).toEqual(['email']);
    });
  });
});
