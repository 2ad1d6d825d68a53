import { describe, expect, it } from 'vitest';
import { noPacing, openPolicy as openPolicyOf } from '../../test/support/in-memory.js';
import { aResponse } from '../../test/support/samples.js';
import {
  INVITATION_ID,
  dueInvitation as invitation,
  SEND_NOW as NOW,
  sendWorld,
} from '../../test/support/send-fakes.js';
import type { ContactPolicy } from '../contacts/contact-policy.js';
import { PermanentDeliveryError, ThrottledError } from '../platform/errors.js';
import { emailChannel } from './email/send-email.js';
import type { Invitation, StoredInvitationStatus } from './invitation.js';
import { invitationIdOf } from './link-tokens.js';
import { reopenInteraction } from './reopen-interaction.js';
import { MAX_THROTTLED, SEND_LEASE_MS, SendInProgressError, sendInvitation } from './send-invitation.js';

/** The tests' open policy, texting US numbers (the fixtures' phone number is one). */
const openPolicy = (overrides: Partial<ContactPolicy> = {}) =>
  openPolicyOf({ smsCountries: ['US'], ...overrides });

/**
 * The email sender as `deps` (the fixture invitation goes by email) and the SMS sender as `smsDeps`,
 * over one table, one clock and one set of send queues; `sms` is what the SMS provider was handed.
 */
const setUp = async (stored: Invitation | null = invitation(), policy: ContactPolicy = openPolicy()) => {
  const world = await sendWorld(stored, policy);
  return { ...world, deps: world.email, smsDeps: world.sms, sms: world.texts };
};

describe('sendInvitation', () => {
  it('sends a due invitation once and marks it sent with the message id', async () => {
    // Prepare
    const { deps, invitations, mailer } = await setUp();

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.email.to).toBe('ana@example.com');
    expect(await invitations.get(INVITATION_ID)).toMatchObject({
      status: 'sent',
      sentAt: NOW,
      messageId: 'message-1',
    });
  });

  it('claims the invitation before it sends', async () => {
    // Prepare
    const { deps, mailer } = await setUp();

    // Act
    await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(mailer.sent[0]?.statusAtSend).toBe('sending');
  });

  it('sends nothing the second time for the same invitation', async () => {
    // Prepare
    const { deps, mailer } = await setUp();
    await sendInvitation(INVITATION_ID, deps);

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('already-handled');
    expect(mailer.sent).toHaveLength(1);
  });

  it('sends one email when the same message is handled twice at once', async () => {
    // Prepare
    const { deps, mailer } = await setUp();

    // Act
    const outcomes = await Promise.all(
      [1, 2].map(() =>
        sendInvitation(INVITATION_ID, deps).catch((error: unknown) =>
          error instanceof SendInProgressError ? 'comes back later' : Promise.reject(error),
        ),
      ),
    );

    // Assess
    expect(outcomes).toContain('sent');
    expect(outcomes.filter((outcome) => outcome !== 'sent')).toEqual([
      expect.stringMatching(/^(already-handled|comes back later)$/),
    ]);
    expect(mailer.sent).toHaveLength(1);
  });

  it('puts an early invitation back on the queue for its due time and sends nothing', async () => {
    // Prepare
    const { deps, invitations, mailer, sendQueue } = await setUp(
      invitation({ dueAt: '2026-11-26T11:00:00.001Z' }),
    );

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('not-due');
    expect(sendQueue.enqueued).toEqual([
      { invitationId: INVITATION_ID, dueAt: '2026-11-26T11:00:00.001Z', via: 'email', kind: 'invitation' },
    ]);
    expect(mailer.sent).toEqual([]);
    expect((await invitations.get(INVITATION_ID))?.status).toBe('scheduled');
  });

  it('marks the invitation failed with the reason on a permanent rejection', async () => {
    // Prepare
    const { deps, invitations, mailer } = await setUp();
    mailer.failWith = new PermanentDeliveryError('MessageRejected: address is on the suppression list');

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('failed');
    expect(await invitations.get(INVITATION_ID)).toMatchObject({
      status: 'failed',
      reason: 'MessageRejected: address is on the suppression list',
    });
  });

  it('puts the invitation back to scheduled and rethrows a transient error', async () => {
    // Prepare
    const { deps, invitations, mailer } = await setUp();
    const throttled = new Error('Throttling: maximum sending rate exceeded');
    mailer.failWith = throttled;

    // Act
    const result = sendInvitation(INVITATION_ID, deps);

    // Assess
    await expect(result).rejects.toBe(throttled);
    expect((await invitations.get(INVITATION_ID))?.status).toBe('scheduled');
  });

  it('sends after a transient error once the mailer recovers', async () => {
    // Prepare
    const { deps, mailer } = await setUp();
    mailer.failWith = new Error('Throttling');
    await sendInvitation(INVITATION_ID, deps).catch(() => undefined);
    mailer.failWith = undefined;

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('asks for a later retry while another delivery holds a fresh claim', async () => {
    const claimedAt = new Date(new Date(NOW).getTime() - 30_000).toISOString();
    const { deps, mailer } = await setUp(invitation({ status: 'sending', claimedAt }));

    await expect(sendInvitation(INVITATION_ID, deps)).rejects.toBeInstanceOf(SendInProgressError);
    expect(mailer.sent).toEqual([]);
  });

  it('takes over a claim older than the send lease, left by a sender that died, and sends once', async () => {
    const claimedAt = new Date(new Date(NOW).getTime() - SEND_LEASE_MS - 1000).toISOString();
    const { deps, mailer, invitations } = await setUp(invitation({ status: 'sending', claimedAt }));

    const outcome = await sendInvitation(INVITATION_ID, deps);

    expect(outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect((await invitations.get(INVITATION_ID))?.status).toBe('sent');
  });

  it.each<StoredInvitationStatus>(['sent', 'skipped', 'failed', 'cancelled'])(
    'leaves a %s invitation alone',
    async (status) => {
      // Prepare
      const { deps, invitations, mailer, sendQueue } = await setUp(invitation({ status }));

      // Act
      const outcome = await sendInvitation(INVITATION_ID, deps);

      // Assess
      expect(outcome).toBe('already-handled');
      expect(mailer.sent).toEqual([]);
      expect(sendQueue.enqueued).toEqual([]);
      expect((await invitations.get(INVITATION_ID))?.status).toBe(status);
    },
  );

  it('answers unknown for an invitation that does not exist', async () => {
    // Prepare
    const { deps, mailer } = await setUp(null);

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('unknown');
    expect(mailer.sent).toEqual([]);
  });

  describe('one sender per channel', () => {
    it('moves the message of an SMS invitation that reached the email sender to the SMS queue, sending nothing', async () => {
      const { deps, mailer, sms, sendQueue, stored } = await setUp(
        invitation({
          via: 'sms',
          customer: { id: 'c-981', email: 'ana@example.com', phone: '+14155550100', smsCountry: 'US' },
        }),
      );

      const outcome = await sendInvitation(INVITATION_ID, deps);

      expect(outcome).toBe('moved');
      expect(mailer.sent).toEqual([]);
      expect(sms.sent).toEqual([]);
      expect(sendQueue.enqueued).toEqual([
        { invitationId: INVITATION_ID, dueAt: NOW, via: 'sms', kind: 'invitation' },
      ]);
      expect((await stored())?.status).toBe('scheduled');
    });

    it('moves the reminder of an email invitation that reached the SMS sender to the email queue, as a reminder', async () => {
      const { smsDeps, mailer, sms, sendQueue, stored } = await setUp(
        invitation({ status: 'sent', sentAt: '2026-11-23T11:00:00.000Z', reminderDueAt: NOW }),
      );

      const outcome = await sendInvitation(INVITATION_ID, smsDeps, 'reminder');

      expect(outcome).toBe('moved');
      expect(mailer.sent).toEqual([]);
      expect(sms.sent).toEqual([]);
      expect(sendQueue.enqueued).toEqual([
        { invitationId: INVITATION_ID, dueAt: NOW, via: 'email', kind: 'reminder' },
      ]);
      expect(await stored()).toMatchObject({ status: 'sent', reminderDueAt: NOW });
    });

    it('puts an SMS invitation that is not due yet back on the SMS queue', async () => {
      const { smsDeps, sendQueue } = await setUp(
        invitation({
          via: 'sms',
          customer: { id: 'c-981', phone: '+14155550100', smsCountry: 'US' },
          dueAt: '2026-11-26T12:00:00.000Z',
        }),
      );

      expect(await sendInvitation(INVITATION_ID, smsDeps)).toBe('not-due');
      expect(sendQueue.enqueued).toEqual([
        { invitationId: INVITATION_ID, dueAt: '2026-11-26T12:00:00.000Z', via: 'sms', kind: 'invitation' },
      ]);
    });
  });

  describe('suppression, checked at send time', () => {
    it.each([
      ['unsubscribed', 'email:ana@example.com', /email ana@example.com unsubscribed on 2026-11-26/],
      ['hard-bounce', 'email:ana@example.com', /bounced permanently/],
      ['complaint', 'email:ana@example.com', /marked a survey as spam/],
      ['sms-opt-out', 'phone:+14155550100', /phone \+14155550100 opted out by SMS/],
    ] as const)(
      'skips an email invitation whose customer is suppressed (%s) and says why',
      async (reason, key, why) => {
        // Prepare
        const { deps, contacts, mailer, stored } = await setUp(
          invitation({
            customer: { id: 'c-981', email: 'Ana@Example.com', phone: '+14155550100', smsCountry: 'US' },
          }),
        );
        await contacts.suppress({ key, reason, at: '2026-11-26T10:30:00.000Z' });

        // Act
        const outcome = await sendInvitation(INVITATION_ID, deps);

        // Assess
        expect(outcome).toBe('skipped');
        expect(mailer.sent).toEqual([]);
        expect(await stored()).toMatchObject({
          status: 'skipped',
          reasonCode: 'suppressed',
          reason: expect.stringMatching(why),
        });
      },
    );

    it('still texts a customer whose mailbox bounced: a bounce stops only its own channel', async () => {
      const { smsDeps, contacts, sms } = await setUp(
        invitation({
          via: 'sms',
          customer: { id: 'c-981', email: 'ana@example.com', phone: '+14155550100', smsCountry: 'US' },
        }),
      );
      await contacts.suppress({ key: 'email:ana@example.com', reason: 'hard-bounce', at: NOW });

      expect(await sendInvitation(INVITATION_ID, smsDeps)).toBe('sent');
      expect(sms.sent).toHaveLength(1);
    });

    it('lets an unsubscribe that arrives between scheduling and sending win', async () => {
      const { deps, contacts, mailer } = await setUp(invitation({ dueAt: '2026-11-26T12:00:00.000Z' }));
      expect(await sendInvitation(INVITATION_ID, deps)).toBe('not-due');
      await contacts.suppress({ key: 'email:ana@example.com', reason: 'unsubscribed', at: NOW });
      (deps.clock as { now: () => Date }).now = () => new Date('2026-11-26T12:00:00.000Z');

      expect(await sendInvitation(INVITATION_ID, deps)).toBe('skipped');
      expect(mailer.sent).toEqual([]);
    });
  });

  describe('the numbers it texts, checked again at send time', () => {
    /** An SMS invitation to a Canadian number, accepted while the stage texted Canada. */
    const toCanada = (overrides: Partial<Invitation> = {}) =>
      invitation({
        via: 'sms',
        customer: { id: 'c-981', phone: '+16135550100', smsCountry: 'CA' },
        ...overrides,
      });

    it('skips, and never texts, a number in a country the stage no longer texts', async () => {
      const { smsDeps, contacts, sms, stored } = await setUp(
        toCanada(),
        openPolicy({ smsCountries: ['US'] }),
      );

      const outcome = await sendInvitation(INVITATION_ID, smsDeps);

      expect(outcome).toBe('skipped');
      expect(sms.sent).toEqual([]);
      expect(await stored()).toMatchObject({
        status: 'skipped',
        reasonCode: 'destination',
        reason: 'destination: the number is in CA, and the stage texts only US',
      });
      // Not a survey: the person may be asked by email tomorrow.
      expect(await contacts.lastSendOf(['customer:c-981', 'phone:+16135550100'])).toBeNull();
    });

    it('skips a number stored before the countries it may be texted in were recorded', async () => {
      const { smsDeps, sms, stored } = await setUp(
        invitation({ via: 'sms', customer: { id: 'c-981', phone: '+14155550100' } }),
      );

      expect(await sendInvitation(INVITATION_ID, smsDeps)).toBe('skipped');
      expect(sms.sent).toEqual([]);
      expect(await stored()).toMatchObject({ status: 'skipped', reasonCode: 'destination' });
    });

    it('texts a number in a country the stage texts', async () => {
      const { smsDeps, sms } = await setUp(toCanada(), openPolicy({ smsCountries: ['US', 'CA'] }));

      expect(await sendInvitation(INVITATION_ID, smsDeps)).toBe('sent');
      expect(sms.sent.map(({ to }) => to)).toEqual(['+16135550100']);
    });

    it('drops the reminder of an SMS to a country the stage stopped texting after the send', async () => {
      const sentToCanada = toCanada({
        status: 'sent',
        sentAt: '2026-11-23T11:00:00.000Z',
        reminderDueAt: NOW,
      });
      const { smsDeps, sms, stored } = await setUp(sentToCanada, openPolicy({ smsCountries: ['US'] }));

      expect(await sendInvitation(INVITATION_ID, smsDeps, 'reminder')).toBe('skipped');
      expect(sms.sent).toEqual([]);
      expect((await stored())?.reminderDueAt).toBeUndefined();
      expect((await stored())?.status).toBe('sent');
    });

    it('still emails a customer whose number it would not text', async () => {
      const { deps, mailer } = await setUp(
        invitation({ customer: { id: 'c-981', email: 'ana@example.com', phone: '+881612345678' } }),
      );

      expect(await sendInvitation(INVITATION_ID, deps)).toBe('sent');
      expect(mailer.sent).toHaveLength(1);
    });
  });

  describe('fatigue: one survey per person per N days, across channels, counted from the send', () => {
    const second = (overrides: Partial<Invitation> = {}) =>
      invitation({
        invitationId: invitationIdOf('call-77'),
        interactionId: 'call-77',
        via: 'sms',
        customer: { id: 'c-981', phone: '+14155550100', smsCountry: 'US', email: 'ana@example.com' },
        ...overrides,
      });

    it('skips an sms survey to a person who got an email survey 29 days ago, and sends one after 30', async () => {
      // Prepare
      const { deps, smsDeps, invitations, sms, setNow } = await setUp();
      await sendInvitation(INVITATION_ID, deps);
      await invitations.create(second({ dueAt: '2026-12-25T11:00:00.000Z' }));
      await invitations.create(
        second({
          invitationId: invitationIdOf('call-78'),
          interactionId: 'call-78',
          dueAt: '2026-12-26T11:00:00.000Z',
        }),
      );

      // Act
      setNow('2026-12-25T11:00:00.000Z');
      const within = await sendInvitation(invitationIdOf('call-77'), smsDeps);
      setNow('2026-12-26T11:00:00.000Z');
      const after = await sendInvitation(invitationIdOf('call-78'), smsDeps);

      // Assess
      expect(within).toBe('skipped');
      expect(await invitations.get(invitationIdOf('call-77'))).toMatchObject({
        reasonCode: 'fatigue',
        reason: 'fatigue: surveyed on 2026-11-26, and support-ticket allows one survey per 30 days',
      });
      expect(after).toBe('sent');
      expect(sms.sent).toHaveLength(1);
    });

    it('recognises the person by the customer id even with another address', async () => {
      const { deps, invitations } = await setUp();
      await sendInvitation(INVITATION_ID, deps);
      await invitations.create(
        second({ via: 'email', customer: { id: 'c-981', email: 'ana.work@example.com' } }),
      );

      expect(await sendInvitation(invitationIdOf('call-77'), deps)).toBe('skipped');
    });

    it('applies a touchpoint override of the fatigue period', async () => {
      const policy = openPolicy({ touchpoints: { delivery: { fatigueDays: 7 } } });
      const { deps, smsDeps, invitations, setNow } = await setUp(invitation(), policy);
      await sendInvitation(INVITATION_ID, deps);
      await invitations.create(second({ touchpoint: 'delivery', dueAt: '2026-12-04T11:00:00.000Z' }));
      setNow('2026-12-04T11:00:00.000Z');

      expect(await sendInvitation(invitationIdOf('call-77'), smsDeps)).toBe('sent');
    });

    it('sends one of two invitations due at once to the same person', async () => {
      const { deps, smsDeps, invitations, mailer, sms } = await setUp();
      await invitations.create(second());

      // The email sender and the SMS sender, each its own function, at the same moment.
      const outcomes = await Promise.all([
        sendInvitation(INVITATION_ID, deps),
        sendInvitation(invitationIdOf('call-77'), smsDeps).catch(() => 'retried'),
      ]);

      expect(mailer.sent.length + sms.sent.length).toBe(1);
      expect(outcomes).toContain('sent');
    });

    it('does not count a send that failed for good', async () => {
      const { deps, smsDeps, invitations, mailer } = await setUp();
      mailer.failWith = new PermanentDeliveryError('SES refused the email: MessageRejected');
      expect(await sendInvitation(INVITATION_ID, deps)).toBe('failed');
      await invitations.create(second());

      expect(await sendInvitation(invitationIdOf('call-77'), smsDeps)).toBe('sent');
    });
  });

  describe('quiet hours, checked again at send time', () => {
    it("holds a send that comes due in the customer's night until 08:00 their time", async () => {
      // 11:00 UTC is 01:00 in Honolulu (UTC-10, no daylight saving): quiet until 08:00 there, 18:00 UTC.
      const policy = openPolicy({ quietHours: { start: '21:00', end: '08:00' } });
      const { deps, sendQueue, mailer, stored } = await setUp(
        invitation({ customer: { id: 'c-981', email: 'ana@example.com', timeZone: 'Pacific/Honolulu' } }),
        policy,
      );

      const outcome = await sendInvitation(INVITATION_ID, deps);

      expect(outcome).toBe('deferred');
      expect(mailer.sent).toEqual([]);
      expect(await stored()).toMatchObject({ status: 'scheduled', dueAt: '2026-11-26T18:00:00.000Z' });
      expect(sendQueue.enqueued).toEqual([
        { invitationId: INVITATION_ID, dueAt: '2026-11-26T18:00:00.000Z', via: 'email', kind: 'invitation' },
      ]);
    });

    it('sends at once in the stage zone when the customer has none and it is day there', async () => {
      const policy = openPolicy({ quietHours: { start: '21:00', end: '08:00' }, timeZone: 'Europe/Paris' });
      const { deps, mailer } = await setUp(invitation(), policy);

      expect(await sendInvitation(INVITATION_ID, deps)).toBe('sent');
      expect(mailer.sent).toHaveLength(1);
    });
  });

  describe('throttling', () => {
    it('puts a throttled send back with a growing backoff, then fails it with the reason', async () => {
      // Prepare
      const { deps, mailer, sendQueue, stored, setNow } = await setUp();
      mailer.failWith = new ThrottledError('SES: TooManyRequestsException: Maximum sending rate exceeded.');
      const waits: number[] = [];

      // Act
      let outcome = '';
      for (let attempt = 0; attempt <= MAX_THROTTLED; attempt += 1) {
        outcome = await sendInvitation(INVITATION_ID, deps);
        const due = (await stored())?.dueAt ?? NOW;
        if (outcome === 'throttled') {
          waits.push((new Date(due).getTime() - deps.clock.now().getTime()) / 1000);
          setNow(due);
        }
      }

      // Assess
      expect(waits).toEqual([30, 60, 120, 240, 480, 900]);
      expect(sendQueue.enqueued).toHaveLength(MAX_THROTTLED);
      expect(outcome).toBe('failed');
      expect(await stored()).toMatchObject({
        status: 'failed',
        reasonCode: 'throttled',
        reason: expect.stringContaining('Maximum sending rate exceeded'),
      });
    });
  });

  describe('the reminder', () => {
    const withReminder = openPolicy({ reminderAfterDays: 3 });

    it('is scheduled at the send and goes out once, if the survey is still unanswered', async () => {
      // Prepare
      const { deps, mailer, sendQueue, stored, setNow } = await setUp(invitation(), withReminder);
      await sendInvitation(INVITATION_ID, deps);
      expect(sendQueue.enqueued).toEqual([
        { invitationId: INVITATION_ID, dueAt: '2026-11-29T11:00:00.000Z', via: 'email', kind: 'reminder' },
      ]);

      // Act
      setNow('2026-11-29T11:00:00.000Z');
      const first = await sendInvitation(INVITATION_ID, deps, 'reminder');
      const again = await sendInvitation(INVITATION_ID, deps, 'reminder');

      // Assess
      expect([first, again]).toEqual(['sent', 'already-handled']);
      expect(mailer.sent.map(({ email }) => email.subject)).toEqual([
        'How did we do?',
        'Reminder: How did we do?',
      ]);
      expect(await stored()).toMatchObject({ status: 'sent', reminderSentAt: '2026-11-29T11:00:00.000Z' });
    });

    it('is not sent once the customer has answered', async () => {
      const { deps, mailer, responses, setNow } = await setUp(invitation(), withReminder);
      await sendInvitation(INVITATION_ID, deps);
      await responses.save(
        aResponse({
          survey: 'csat',
          score: 4,
          comment: '',
          answeredAt: '2026-11-27T09:00:00.000Z',
          updatedAt: '2026-11-27T09:00:00.000Z',
          day: '2026-11-27',
        }),
      );
      setNow('2026-11-29T11:00:00.000Z');

      expect(await sendInvitation(INVITATION_ID, deps, 'reminder')).toBe('already-handled');
      expect(mailer.sent).toHaveLength(1);
    });

    it('is off by default', async () => {
      const { deps, sendQueue } = await setUp();
      await sendInvitation(INVITATION_ID, deps);
      expect(sendQueue.enqueued).toEqual([]);
    });
  });

  it('gives back the marks of a sender that died, so its takeover is not taken for fatigue', async () => {
    // Prepare: a claim five minutes old, its marks recorded, nothing sent.
    const { deps, contacts, mailer, stored } = await setUp();
    await contacts.claimSend({
      invitationId: INVITATION_ID,
      kind: 'invitation',
      at: new Date('2026-11-26T10:54:00.000Z'),
      suppression: [],
      fatigueKeys: ['customer:c-981', 'email:ana@example.com'],
      fatigueSince: new Date('2026-10-27T10:54:00.000Z'),
      leaseCutoff: new Date(0),
    });

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect(await contacts.lastSendOf(['customer:c-981'])).toMatchObject({
      at: NOW,
      invitationId: INVITATION_ID,
    });
    expect((await stored())?.status).toBe('sent');
  });

  it('cancels instead of retrying when the interaction was reopened while its send failed', async () => {
    // Prepare: the reopening lands while the claim is held, and then the mail service fails.
    const { deps: sender, invitations, responses, links, messages, stored } = await setUp();
    const mailer = {
      send: async () => {
        await reopenInteraction(
          { interactionId: 'zd-48213' },
          { invitations, responses, clock: sender.clock },
        );
        throw new Error('connection reset');
      },
    };
    const deps = { ...sender, channel: emailChannel({ mailer, links, messages, pace: noPacing }) };

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('already-handled');
    expect(await stored()).toMatchObject({ status: 'cancelled', reasonCode: 'reopened' });
  });
});
