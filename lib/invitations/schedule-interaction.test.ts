import { describe, expect, it } from 'vitest';
import {
  InMemoryInvitationStore,
  noContacts,
  noResponses,
  openPolicy,
} from '../../test/support/in-memory.js';
import { RecordingSendQueues } from '../../test/support/send-fakes.js';
import type { InteractionCompleted } from './interaction.js';
import { invitationIdOf } from './link-tokens.js';
import { type ScheduleInteractionDeps, scheduleInteraction } from './schedule-interaction.js';

const NOW = '2026-11-26T10:05:00.000Z';

/** An interaction valid already, as resolve-case builds the recovery survey from a stored invitation. */
const interaction = (overrides: Partial<InteractionCompleted> = {}): InteractionCompleted => ({
  interactionId: 'zd-48213',
  occurredAt: '2026-11-26T10:04:00.000Z',
  survey: 'csat',
  customer: { id: 'c-981', email: 'ana@example.com', phone: '+14155550100' },
  touchpoint: 'support-ticket',
  channel: 'phone',
  team: 'billing',
  ...overrides,
});

const setUp = () => {
  const invitations = new InMemoryInvitationStore();
  const sendQueue = new RecordingSendQueues();
  const deps: ScheduleInteractionDeps = {
    invitations,
    sendQueue,
    clock: { now: () => new Date(NOW) },
    contacts: noContacts,
    policy: openPolicy({ delaySeconds: 3600 }),
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
});
