import { describe, expect, it } from 'vitest';
import { openPolicy } from '../../../test/support/in-memory.js';
import {
  INVITATION_ID,
  dueInvitation as invitation,
  SEND_NOW,
  sendWorld,
} from '../../../test/support/send-fakes.js';
import { sendInvitation } from '../send-invitation.js';

/** The SMS sender as the send-sms-invitation function runs it, over a fresh table. */
const setUp = async (
  stored = invitation({ via: 'sms', customer: { id: 'c-981', phone: '+14155550100', smsCountry: 'US' } }),
) => {
  const world = await sendWorld(stored, openPolicy({ smsCountries: ['US'] }));
  return { ...world, smsDeps: world.sms, sms: world.texts };
};

describe('sending by SMS', () => {
  it('sends an sms invitation to the number, saying how to answer and how to stop', async () => {
    // Prepare
    const { smsDeps, invitations, mailer, sms } = await setUp(
      invitation({
        via: 'sms',
        survey: 'nps',
        customer: { id: 'c-981', phone: '+14155550100', smsCountry: 'US' },
      }),
    );

    // Act
    const outcome = await sendInvitation(INVITATION_ID, smsDeps);

    // Assess
    expect(outcome).toBe('sent');
    expect(mailer.sent).toEqual([]);
    expect(sms.sent).toEqual([
      { to: '+14155550100', text: expect.stringMatching(/Reply 0-10.*Reply STOP to opt out/) },
    ]);
    expect(await invitations.get(INVITATION_ID)).toMatchObject({ status: 'sent', messageId: 'sms-1' });
  });

  it('remembers the text it sent, so that a reply finds its invitation by message id and by number', async () => {
    const { smsDeps, conversations } = await setUp();

    await sendInvitation(INVITATION_ID, smsDeps);

    expect(await conversations.invitationOfMessage('sms-1')).toBe(INVITATION_ID);
    expect(await conversations.latestInvitationsTo('+14155550100', 5)).toEqual([INVITATION_ID]);
  });

  it('texts the reminder in its own words', async () => {
    const { smsDeps, sms, setNow } = await setUp(
      invitation({
        via: 'sms',
        status: 'sent',
        sentAt: '2026-11-23T11:00:00.000Z',
        reminderDueAt: SEND_NOW,
        customer: { id: 'c-981', phone: '+14155550100', smsCountry: 'US' },
      }),
    );
    setNow(SEND_NOW);

    expect(await sendInvitation(INVITATION_ID, smsDeps, 'reminder')).toBe('sent');
    expect(sms.sent).toEqual([
      { to: '+14155550100', text: expect.stringMatching(/Reminder: .*Reply 1-5\. Reply STOP to opt out/) },
    ]);
  });

  it('fails an sms invitation for good when the customer has no number, and texts nothing', async () => {
    const { smsDeps, sms, stored } = await setUp(invitation({ via: 'sms' }));

    const outcome = await sendInvitation(INVITATION_ID, smsDeps);

    expect(outcome).toBe('failed');
    expect(sms.sent).toEqual([]);
    expect(await stored()).toMatchObject({
      status: 'failed',
      reasonCode: 'rejected',
      reason: 'the customer has no phone number',
    });
  });
});
