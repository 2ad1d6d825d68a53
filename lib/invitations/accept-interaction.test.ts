import { describe, expect, it } from 'vitest';
import {
  clockAt,
  InMemoryInvitationStore,
  noContacts,
  noPersonIndex,
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

/** The deps of intake, with the countries the stage texts (default: the US). */
const depsWith = (delaySeconds = 3600, smsCountries: string[] = ['US']) => {
  const invitations = new InMemoryInvitationStore();
  const sendQueue = new RecordingSendQueue();
  const deps: AcceptInteractionDeps = {
    invitations,
    sendQueue,
    clock: clockAt(NOW),
    contacts: noContacts,
    people: noPersonIndex,
    policy: openPolicy({ delaySeconds, smsCountries }),
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

  describe('the numbers it texts', () => {
    /** An interaction inviting `phone` by SMS (the customer has no email). */
    const bySms = (phone: string, customer: Record<string, unknown> = {}) =>
      event({ inviteVia: 'sms', customer: { id: 'c-981', phone, ...customer } });

    it('stores the number with the country it may be texted in, read from the number', async () => {
      const { deps, invitations } = depsWith(3600, ['US', 'CA']);

      const accepted = await acceptInteraction(bySms('(613) 555-0100', { country: 'CA' }), deps);

      expect(accepted.status).toBe('scheduled');
      expect(invitations.items.get(accepted.invitationId)?.customer).toEqual({
        id: 'c-981',
        phone: '+16135550100',
        country: 'CA',
        smsCountry: 'CA',
      });
    });

    it.each([
      ['+979123456789', 'international premium rate', /international network \(\+979\)/],
      ['+881612345678', 'Iridium satellite', /international network \(\+881\)/],
      ['+870773123456', 'Inmarsat satellite', /international network \(\+870\)/],
      ['+882161234567', 'international networks', /international network \(\+882\)/],
      ['+883510012345', 'international networks', /international network \(\+883\)/],
      ['+80012345678', 'international freephone', /international network \(\+800\)/],
      ['+80812345678', 'international shared cost', /international network \(\+808\)/],
      ['+19005550100', 'US premium rate', /premium-rate/],
      ['+15005550100', 'North American personal number', /personal/],
    ])(
      'refuses to text %s (%s), whatever the stage texts, naming customer.phone',
      async (phone, _kind, why) => {
        const { deps, invitations, sendQueue } = depsWith(3600, ['US']);

        const accepting = acceptInteraction(bySms(phone), deps);

        await expect(accepting).rejects.toBeInstanceOf(ValidationError);
        await expect(accepting).rejects.toMatchObject({
          issues: [{ field: 'customer.phone', message: expect.stringMatching(why) }],
        });
        expect(invitations.items.size).toBe(0);
        expect(sendQueue.enqueued).toEqual([]);
      },
    );

    it.each([
      ['+18765550100', 'JM', 'a +1 number of Jamaica, not the US'],
      ['+447911123456', 'GG', 'a +44 7911 number of Guernsey, not Great Britain'],
    ])('refuses to text %s, in %s: %s', async (phone, country) => {
      const { deps, invitations } = depsWith(3600, ['US', 'GB']);

      const accepting = acceptInteraction(bySms(phone), deps);

      await expect(accepting).rejects.toMatchObject({
        issues: [
          {
            field: 'customer.phone',
            message: `is a number in ${country}, and this stage texts only US, GB: add it to contactPolicy.smsCountries, or invite by email`,
          },
        ],
      });
      expect(invitations.items.size).toBe(0);
    });

    it('reads the country from the number, not from what the integrator says of it', async () => {
      const { deps } = depsWith(3600, ['US']);

      const claimedUs = acceptInteraction(bySms('+18765550100', { country: 'US' }), deps);
      const claimedTextable = acceptInteraction(bySms('+881612345678', { smsCountry: 'US' }), deps);

      await expect(claimedUs).rejects.toMatchObject({ issues: [{ field: 'customer.phone' }] });
      await expect(claimedTextable).rejects.toMatchObject({ issues: [{ field: 'customer.phone' }] });
    });

    it('texts no one when the stage names no country', async () => {
      const { deps } = depsWith(3600, []);

      const accepting = acceptInteraction(bySms('+14155550100'), deps);

      await expect(accepting).rejects.toMatchObject({
        issues: [{ field: 'customer.phone', message: expect.stringMatching(/texts no country/) }],
      });
    });

    it('keeps a number it would never text as a contact when the invitation goes by email', async () => {
      const { deps, invitations, sendQueue } = depsWith(3600, ['US']);

      const accepted = await acceptInteraction(
        event({ customer: { id: 'c-981', email: 'ana@example.com', phone: '+881612345678' } }),
        deps,
      );

      expect(accepted.status).toBe('scheduled');
      expect(invitations.items.get(accepted.invitationId)).toMatchObject({
        via: 'email',
        customer: { email: 'ana@example.com', phone: '+881612345678' },
      });
      expect(invitations.items.get(accepted.invitationId)?.customer.smsCountry).toBeUndefined();
      expect(sendQueue.enqueued).toHaveLength(1);
    });

    it('refuses an SMS the integrator asks for to a number it does not text, even with an email to fall back on', async () => {
      const { deps, invitations } = depsWith(3600, ['US']);

      const accepting = acceptInteraction(
        event({
          inviteVia: 'sms',
          customer: { id: 'c-981', email: 'ana@example.com', phone: '+18765550100' },
        }),
        deps,
      );

      await expect(accepting).rejects.toMatchObject({ issues: [{ field: 'customer.phone' }] });
      expect(invitations.items.size).toBe(0);
    });
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
