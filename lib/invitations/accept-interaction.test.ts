import { describe, expect, it } from 'vitest';
import {
  clockAt,
  InMemoryInvitationStore,
  noContacts,
  noResponses,
  openPolicy,
  RecordingSendQueue,
} from '../../test/support/in-memory.js';
import { ValidationError } from '../platform/errors.js';
import { type AcceptInteractionDeps, acceptInteraction } from './accept-interaction.js';
import type { StoredInvitationStatus } from './invitation.js';
import { invitationIdOf } from './link-tokens.js';

const NOW = '2026-11-26T10:05:00.000Z';

const event = (overrides: Record<string, unknown> = {}) => ({
  interactionId: 'zd-48213',
  occurredAt: '2026-11-26T10:04:00Z',
  survey: 'nps',
  customer: { id: 'c-981', email: 'ana@example.com', name: 'Ana' },
  touchpoint: 'support-ticket',
  channel: 'phone',
  team: 'billing',
  agent: 'agent-7',
  ...overrides,
});

const depsWith = (delaySeconds = 3600) => {
  const invitations = new InMemoryInvitationStore();
  const sendQueue = new RecordingSendQueue();
  const deps: AcceptInteractionDeps = {
    invitations,
    sendQueue,
    clock: clockAt(NOW),
    contacts: noContacts,
    policy: openPolicy({ delaySeconds }),
    responses: noResponses,
  };
  return { deps, invitations, sendQueue };
};

describe('acceptInteraction', () => {
  it('stores a scheduled invitation and enqueues its send at the due time', async () => {
    // Prepare
    const { deps, invitations, sendQueue } = depsWith(3600);

    // Act
    const accepted = await acceptInteraction(event(), deps);

    // Assess
    const invitationId = invitationIdOf('zd-48213');
    expect(accepted).toEqual({
      invitationId,
      interactionId: 'zd-48213',
      status: 'scheduled',
      dueAt: '2026-11-26T11:04:00.000Z',
      duplicate: false,
    });
    expect(sendQueue.enqueued).toEqual([{ invitationId, dueAt: '2026-11-26T11:04:00.000Z' }]);
    expect(invitations.items.get(invitationId)).toMatchObject({
      interactionId: 'zd-48213',
      survey: 'nps',
      via: 'email',
      team: 'billing',
      agent: 'agent-7',
      status: 'scheduled',
      createdAt: NOW,
      occurredAt: '2026-11-26T10:04:00.000Z',
      dueAt: '2026-11-26T11:04:00.000Z',
    });
  });

  it('answers duplicate for the same interaction id twice and keeps one invitation', async () => {
    // Prepare
    const { deps, invitations } = depsWith();
    await acceptInteraction(event(), deps);

    // Act
    const second = await acceptInteraction(event({ team: 'returns' }), deps);

    // Assess
    expect(second.duplicate).toBe(true);
    expect(second.invitationId).toBe(invitationIdOf('zd-48213'));
    expect(invitations.items.size).toBe(1);
    expect(invitations.items.get(second.invitationId)?.team).toBe('billing');
  });

  it('enqueues a repeated interaction again while its invitation is still scheduled', async () => {
    // Prepare
    const { deps, sendQueue } = depsWith();
    await acceptInteraction(event(), deps);

    // Act
    await acceptInteraction(event(), deps);

    // Assess
    expect(sendQueue.enqueued).toHaveLength(2);
    expect(sendQueue.enqueued[1]).toEqual(sendQueue.enqueued[0]);
  });

  it.each<StoredInvitationStatus>(['sent', 'skipped', 'failed', 'cancelled', 'sending'])(
    'enqueues nothing for a repeated interaction whose invitation is %s',
    async (status) => {
      // Prepare
      const { deps, invitations, sendQueue } = depsWith();
      const first = await acceptInteraction(event(), deps);
      await invitations.transition(first.invitationId, 'scheduled', status);

      // Act
      const second = await acceptInteraction(event(), deps);

      // Assess
      expect(second.duplicate).toBe(true);
      expect(second.status).toBe(status === 'sending' ? 'scheduled' : status);
      expect(sendQueue.enqueued).toHaveLength(1);
    },
  );

  it('makes an invitation due at once when the delay has already passed', async () => {
    // Prepare
    const { deps, sendQueue } = depsWith(60);

    // Act
    const accepted = await acceptInteraction(event({ occurredAt: '2026-11-25T08:00:00Z' }), deps);

    // Assess
    expect(accepted.dueAt).toBe(NOW);
    expect(sendQueue.enqueued[0]?.dueAt).toBe(NOW);
  });

  it('takes the due time from the interaction time with its offset, not from now', async () => {
    // Prepare
    const { deps } = depsWith(1800);

    // Act
    const accepted = await acceptInteraction(event({ occurredAt: '2026-11-26T12:00:00+02:00' }), deps);

    // Assess
    expect(accepted.dueAt).toBe('2026-11-26T10:30:00.000Z');
  });

  it('refuses an interaction more than ten minutes in the future, naming occurredAt', async () => {
    const { deps, invitations } = depsWith();

    const accepting = acceptInteraction(event({ occurredAt: '2099-01-01T00:00:00Z' }), deps);

    await expect(accepting).rejects.toMatchObject({
      issues: [{ field: 'occurredAt', message: 'is in the future' }],
    });
    expect(invitations.items.size).toBe(0);
  });

  it('accepts an integrator clock a few minutes ahead of ours', async () => {
    const { deps } = depsWith();

    const accepted = await acceptInteraction(event({ occurredAt: '2026-11-26T10:09:00Z' }), deps);

    expect(accepted.status).toBe('scheduled');
  });

  it('refuses too many attributes and an interaction id with a slash, naming each', async () => {
    const { deps } = depsWith();
    const attributes = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));

    const accepting = acceptInteraction(event({ attributes, interactionId: 'shop/123' }), deps);

    await expect(accepting).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ field: 'attributes' }),
        expect.objectContaining({ field: 'interactionId' }),
      ]),
    });
  });

  it('invites by sms when the customer has only a phone', async () => {
    // Prepare
    const { deps, invitations } = depsWith();

    // Act
    const accepted = await acceptInteraction(
      event({ customer: { id: 'c-981', phone: '+14155550100' } }),
      deps,
    );

    // Assess
    expect(invitations.items.get(accepted.invitationId)?.via).toBe('sms');
  });

  it('rejects a wrong event naming the field and stores and enqueues nothing', async () => {
    // Prepare
    const { deps, invitations, sendQueue } = depsWith();

    // Act
    const result = acceptInteraction(event({ survey: 'ces2' }), deps);

    // Assess
    await expect(result).rejects.toBeInstanceOf(ValidationError);
    await expect(result).rejects.toMatchObject({ issues: [{ field: 'survey' }] });
    expect(invitations.items.size).toBe(0);
    expect(sendQueue.enqueued).toEqual([]);
  });

  it('fails loudly when the store reports a duplicate it cannot return', async () => {
    // Prepare
    const { deps } = depsWith();
    deps.invitations = { create: async () => false, get: async () => null, transition: async () => false };

    // Act
    const result = acceptInteraction(event(), deps);

    // Assess
    await expect(result).rejects.toThrow(/vanished/);
  });
});
