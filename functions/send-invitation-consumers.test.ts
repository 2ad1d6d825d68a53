import { describe, expect, it } from 'vitest';
import { DynamoDbContactLedger } from '../lib/contacts/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { emailChannel } from '../lib/invitations/email/send-email.js';
import type { Invitation } from '../lib/invitations/invitation.js';
import { createLinks } from '../lib/invitations/links.js';
import type { Mailer, OutgoingEmail, OutgoingSms, SmsSender } from '../lib/invitations/ports.js';
import type { SendInvitationDeps } from '../lib/invitations/send-invitation.js';
import { DynamoDbSmsConversations } from '../lib/invitations/sms/dynamodb-sms-conversations.js';
import { smsChannel } from '../lib/invitations/sms/send-sms.js';
import { freshTable } from '../test/support/dynamodb.js';
import { noPacing, openPolicy } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { anInvitation, INVITATION_ID as EMAIL_INVITATION_ID } from '../test/support/samples.js';
import { RecordingSendQueues } from '../test/support/send-fakes.js';
import { createHandler as createEmailHandler } from './send-email-invitation.js';
import { createHandler as createSmsHandler } from './send-sms-invitation.js';

/*
 * The two send queues' consumers: send-email-invitation (the fixture invitation is Ana's CES survey by
 * email) and send-sms-invitation (an NPS survey by SMS), each over a fresh table, at 10:05.
 */

const SMS_INVITATION_ID = 'm7zrcwfb7dexS6CumnmOgA';
const clock = { now: () => new Date('2026-11-26T10:05:00Z') };

/** `invitation` in a fresh table, and the handler `createHandler` makes over it with `channel`. */
const consumerOf = async (
  invitation: Invitation,
  createHandler: typeof createEmailHandler,
  channel: (conversations: DynamoDbSmsConversations) => SendInvitationDeps['channel'],
  smsCountries: string[] = ['US'],
) => {
  const table = await freshTable();
  const invitations = new DynamoDbInvitationStore(table.client, table.tableName);
  const conversations = new DynamoDbSmsConversations(table.client, table.tableName);
  await invitations.create(invitation);
  const sendQueue = new RecordingSendQueues();
  const handler = createHandler({
    invitations,
    contacts: new DynamoDbContactLedger(table.client, table.tableName),
    sendQueue,
    clock,
    policy: openPolicy({ smsCountries }),
    channel: channel(conversations),
  });
  return { invitations, conversations, handler, sendQueue };
};

const due = { createdAt: '2026-11-26T10:04:01.000Z', dueAt: '2026-11-26T10:04:01.000Z' };

/** The email fixture's invitation and the send-email-invitation handler over it with the given mailer. */
const emailSetup = (mailer: Mailer, overrides: Partial<Invitation> = {}) =>
  consumerOf(anInvitation({ survey: 'ces', ...due, ...overrides }), createEmailHandler, () =>
    emailChannel({
      mailer,
      links: createLinks('https://surveys.example.com', async () => 'key'),
      messages: { defaultLocale: 'en' },
      pace: noPacing,
    }),
  );

/**
 * The SMS fixture's invitation and the send-sms-invitation handler over it with the given SMS sender,
 * for a stage that texts `smsCountries` (default: the US).
 */
const smsSetup = (sms: SmsSender, overrides: Partial<Invitation> = {}, smsCountries: string[] = ['US']) =>
  consumerOf(
    anInvitation({
      invitationId: SMS_INVITATION_ID,
      interactionId: 'call-5521',
      via: 'sms',
      customer: { id: 'c-982', phone: '+14155550123', smsCountry: 'US' },
      touchpoint: 'phone-call',
      ...due,
      ...overrides,
    }),
    createSmsHandler,
    (conversations) =>
      smsChannel({ sms, conversations, clock, messages: { defaultLocale: 'en' }, pace: noPacing }),
    smsCountries,
  );

describe('send-email-invitation', () => {
  it('sends the valid message and reports only the unreadable one as a batch item failure', async () => {
    const sent: OutgoingEmail[] = [];
    const { invitations, handler } = await emailSetup({
      send: async (email) => {
        sent.push(email);
        return `m-${sent.length}`;
      },
    });

    const result = await handler(loadEvent('sqs/send-email-invitation.json'), context());

    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }],
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('ana@example.com');
    expect(sent[0]?.text).toMatch(
      /\n7: https:\/\/surveys\.example\.com\/s\/eH_bis7h4OUB5BPYANqFxg[\w-]{22}\?score=7\n/,
    );
    expect(await invitations.get(EMAIL_INVITATION_ID)).toMatchObject({
      status: 'sent',
      messageId: 'm-1',
    });
  });
});

describe('send-sms-invitation', () => {
  it('texts the valid message and reports only the unreadable one as a batch item failure', async () => {
    const sent: OutgoingSms[] = [];
    const { invitations, conversations, handler } = await smsSetup({
      send: async (sms) => `sms-${sent.push(sms)}`,
    });

    const result = await handler(loadEvent('sqs/send-sms-invitation.json'), context());

    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: 'c4e8a917-2f6b-4d3a-9e15-8b0d7c6f5a32' }],
    });
    expect(sent).toEqual([
      { to: '+14155550123', text: expect.stringMatching(/Reply 0-10.*Reply STOP to opt out/) },
    ]);
    expect(await invitations.get(SMS_INVITATION_ID)).toMatchObject({ status: 'sent', messageId: 'sms-1' });
    expect(await conversations.invitationOfMessage('sms-1')).toBe(SMS_INVITATION_ID);
  });

  it('skips, texting nothing, an invitation to a country the stage stopped texting since it was accepted', async () => {
    const sent: OutgoingSms[] = [];
    const { invitations, handler } = await smsSetup({ send: async (sms) => `sms-${sent.push(sms)}` }, {}, [
      'CA',
    ]);
    const event = loadEvent('sqs/send-sms-invitation.json');

    const result = await handler({ Records: [event.Records[0]] }, context());

    expect(result).toEqual({ batchItemFailures: [] });
    expect(sent).toEqual([]);
    expect(await invitations.get(SMS_INVITATION_ID)).toMatchObject({
      status: 'skipped',
      reasonCode: 'destination',
      reason: 'destination: the number is in US, and the stage texts only CA',
    });
  });
});

describe.each([
  {
    name: 'send-email-invitation',
    setup: emailSetup,
    fixture: 'sqs/send-email-invitation.json',
    invitationId: EMAIL_INVITATION_ID,
    other: 'sms',
    otherCustomer: { id: 'c-981', email: 'ana@example.com', phone: '+14155550100', smsCountry: 'US' },
  },
  {
    name: 'send-sms-invitation',
    setup: smsSetup,
    fixture: 'sqs/send-sms-invitation.json',
    invitationId: SMS_INVITATION_ID,
    other: 'email',
    otherCustomer: { id: 'c-982', email: 'ben@example.com', phone: '+14155550123' },
  },
] as const)('$name', ({ setup, fixture, invitationId, other, otherCustomer }) => {
  it('marks the invitation failed with the error when the last receive fails too', async () => {
    const { invitations, handler } = await setup({
      send: async () => {
        throw new Error('socket hang up');
      },
    });
    const event = loadEvent(fixture);
    const valid = event.Records[0];
    valid.attributes.ApproximateReceiveCount = '4';
    const fourth = await handler({ Records: [valid] }, context());
    const afterFourth = (await invitations.get(invitationId))?.status;
    valid.attributes.ApproximateReceiveCount = '5';
    const fifth = await handler({ Records: [valid] }, context());

    expect(fourth).toEqual({ batchItemFailures: [{ itemIdentifier: valid.messageId }] });
    expect(afterFourth).toBe('scheduled');
    expect(fifth).toEqual({ batchItemFailures: [{ itemIdentifier: valid.messageId }] });
    expect(await invitations.get(invitationId)).toMatchObject({
      status: 'failed',
      reasonCode: 'gave-up',
      reason: 'gave up after 5 attempts: Error: socket hang up',
    });
  });

  it(`moves the message of an ${other} invitation to the ${other} queue and reports it handled`, async () => {
    const sent: unknown[] = [];
    const { invitations, handler, sendQueue } = await setup(
      { send: async (message: never) => `sent-${sent.push(message)}` },
      { via: other, customer: otherCustomer },
    );
    const event = loadEvent(fixture);

    const result = await handler({ Records: [event.Records[0]] }, context());

    expect(result).toEqual({ batchItemFailures: [] });
    expect(sent).toEqual([]);
    expect(sendQueue.enqueued).toEqual([
      { invitationId, dueAt: '2026-11-26T10:05:00.000Z', via: other, kind: 'invitation' },
    ]);
    expect((await invitations.get(invitationId))?.status).toBe('scheduled');
  });
});
