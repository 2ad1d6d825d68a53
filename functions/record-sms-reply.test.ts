import { describe, expect, it } from 'vitest';
import { DynamoDbContactLedger } from '../lib/contacts/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/invitations/dynamodb-response-store.js';
import { reportInvitation } from '../lib/invitations/invitation-status.js';
import { invitationIdOf } from '../lib/invitations/link-tokens.js';
import { DynamoDbSmsConversations } from '../lib/invitations/sms/dynamodb-sms-conversations.js';
import { ValidationError } from '../lib/platform/errors.js';
import { freshTable } from '../test/support/dynamodb.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { createHandler } from './record-sms-reply.js';

const setup = async () => {
  const table = await freshTable();
  const replies: { to: string; from: string; text: string }[] = [];
  const deps = {
    invitations: new DynamoDbInvitationStore(table.client, table.tableName),
    responses: new DynamoDbResponseStore(table.client, table.tableName),
    contacts: new DynamoDbContactLedger(table.client, table.tableName),
    conversations: new DynamoDbSmsConversations(table.client, table.tableName),
    replies: (to: string, from: string) => ({
      send: async (sms: { text: string }) => {
        replies.push({ to, from, text: sms.text });
        return `r-${replies.length}`;
      },
    }),
    clock: { now: () => new Date('2026-11-26T12:00:00Z') },
    messages: { defaultLocale: 'en' as const },
  };
  return { deps, replies, handler: createHandler(deps) };
};

/** Customer c-9's NPS invitation for call-9, texted to the number the reply `sms` comes from. */
const invited = async (
  deps: Awaited<ReturnType<typeof setup>>['deps'],
  sms: { originationNumber: string; previousPublishedMessageId: string },
) => {
  const invitationId = invitationIdOf('call-9');
  await deps.invitations.create({
    invitationId,
    interactionId: 'call-9',
    survey: 'nps',
    via: 'sms',
    customer: { id: 'c-9', phone: sms.originationNumber },
    touchpoint: 'call',
    channel: 'phone',
    team: 'billing',
    occurredAt: '2026-11-26T10:00:00.000Z',
    createdAt: '2026-11-26T10:00:00.000Z',
    dueAt: '2026-11-26T11:00:00.000Z',
    status: 'sent',
    sentAt: '2026-11-26T11:00:00.000Z',
  });
  await deps.conversations.recordSent({
    phone: sms.originationNumber,
    invitationId,
    messageId: sms.previousPublishedMessageId,
    sentAt: new Date('2026-11-26T11:00:00.000Z'),
  });
  return invitationId;
};

describe('record-sms-reply', () => {
  it('records the score of the two-way payload inside an SNS event, matched by the message it answers', async () => {
    const { deps, replies, handler } = await setup();
    const event = loadEvent('sns-sms/inbound-score.json');
    const sms = JSON.parse(event.Records[0].Sns.Message);
    const invitationId = await invited(deps, sms);

    await handler(event, context());

    expect(await deps.responses.get(invitationId)).toMatchObject({ score: 9, suspect: false });
    expect(replies).toEqual([
      {
        to: sms.originationNumber,
        from: sms.destinationNumber,
        text: expect.stringContaining('Thank you for your answer'),
      },
    ]);
  });

  it('keeps a text it cannot read where the invitation report shows it, re-prompting once', async () => {
    const { deps, replies, handler } = await setup();
    const event = loadEvent('sns-sms/inbound-unreadable.json');
    const sms = JSON.parse(event.Records[0].Sns.Message);
    await invited(deps, sms);

    await handler(event, context());

    expect(replies).toEqual([
      expect.objectContaining({ text: expect.stringContaining('Please reply with one number from 0 to 10') }),
    ]);
    expect(await reportInvitation('call-9', deps)).toMatchObject({
      status: 'sent',
      unreadSms: { text: 'the agent hung up on me', receivedAt: '2026-11-26T12:00:00.000Z' },
    });
  });

  it('suppresses the number on STOP, and confirms it to a number it texted', async () => {
    const { deps, replies, handler } = await setup();
    const event = loadEvent('sns-sms/inbound-stop.json');
    const sms = JSON.parse(event.Records[0].Sns.Message);
    await invited(deps, sms);

    await handler(event, context());

    expect(
      await deps.contacts.suppressionOf([{ key: `phone:${sms.originationNumber}`, except: [] }]),
    ).toMatchObject({
      reason: 'sms-opt-out',
    });
    expect(replies).toEqual([
      {
        to: sms.originationNumber,
        from: sms.destinationNumber,
        text: expect.stringContaining('no more surveys'),
      },
    ]);
  });

  it('suppresses a number it never texted on STOP, and answers it nothing', async () => {
    const { deps, replies, handler } = await setup();
    const event = loadEvent('sns-sms/inbound-stop.json');
    const { originationNumber } = JSON.parse(event.Records[0].Sns.Message);

    await handler(event, context());

    expect(
      await deps.contacts.suppressionOf([{ key: `phone:${originationNumber}`, except: [] }]),
    ).toMatchObject({
      reason: 'sms-opt-out',
    });
    expect(replies).toEqual([]);
  });

  it('answers nothing to HELP from a number it never texted', async () => {
    const { replies, handler } = await setup();
    const event = loadEvent('sns-sms/inbound-stop.json');
    const sms = JSON.parse(event.Records[0].Sns.Message);
    event.Records[0].Sns.Message = JSON.stringify({ ...sms, messageKeyword: 'HELP', messageBody: 'HELP' });

    await handler(event, context());

    expect(replies).toEqual([]);
  });

  it('throws a ValidationError naming the field for a message that is not the two-way payload, for the DLQ', async () => {
    const { handler } = await setup();
    const notJson = loadEvent('sns-sms/inbound-score.json');
    notJson.Records[0].Sns.Message = 'hello';
    const wrong = loadEvent('sns-sms/inbound-score.json');
    wrong.Records[0].Sns.Message = JSON.stringify({ originationNumber: '12', messageBody: 'x' });

    const errors = [
      await handler(notJson, context()).catch((e) => e),
      await handler(wrong, context()).catch((e) => e),
    ];

    expect(errors[0]).toBeInstanceOf(ValidationError);
    expect(errors[0].message).toBe('Sns.Message: is not JSON');
    expect(errors[1]).toBeInstanceOf(ValidationError);
    expect(errors[1].message).toMatch(/Message\.originationNumber: must be an E\.164 number/);
  });
});
