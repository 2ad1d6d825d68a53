import { describe, expect, it } from 'vitest';
import { DynamoDbContactLedger } from '../lib/contacts/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { createLinks } from '../lib/invitations/links.js';
import type { Mailer, OutgoingEmail } from '../lib/invitations/ports.js';
import { DynamoDbSmsConversations } from '../lib/invitations/sms/dynamodb-sms-conversations.js';
import { freshTable } from '../test/support/dynamodb.js';
import { noPacing, openPolicy } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { createHandler } from './send-invitation.js';

const INVITATION_ID = 'eH_bis7h4OUB5BPYANqFxg';

/** The fixture's invitation, due, in a fresh table, and the handler over it with the given mailer. */
const setup = async (mailer: Mailer) => {
  const table = await freshTable();
  const invitations = new DynamoDbInvitationStore(table.client, table.tableName);
  await invitations.create({
    invitationId: INVITATION_ID,
    interactionId: 'zd-48213',
    survey: 'ces',
    via: 'email',
    customer: { id: 'c-981', email: 'ana@example.com', name: 'Ana' },
    touchpoint: 'support-ticket',
    channel: 'phone',
    team: 'billing',
    occurredAt: '2026-11-26T10:04:00.000Z',
    createdAt: '2026-11-26T10:04:01.000Z',
    dueAt: '2026-11-26T10:04:01.000Z',
    status: 'scheduled',
  });
  const handler = createHandler({
    invitations,
    mailer,
    sms: { send: async () => 'never' },
    contacts: new DynamoDbContactLedger(table.client, table.tableName),
    conversations: new DynamoDbSmsConversations(table.client, table.tableName),
    sendQueue: { enqueue: async () => undefined },
    links: createLinks('https://surveys.example.com', async () => 'key'),
    clock: { now: () => new Date('2026-11-26T10:05:00Z') },
    policy: openPolicy(),
    messages: { defaultLocale: 'en' },
    pace: noPacing,
  });
  return { invitations, handler };
};

describe('send-invitation', () => {
  it('sends the valid message and reports only the unreadable one as a batch item failure', async () => {
    const sent: OutgoingEmail[] = [];
    const { invitations, handler } = await setup({
      send: async (email) => {
        sent.push(email);
        return `m-${sent.length}`;
      },
    });

    const result = await handler(loadEvent('sqs/send-invitation.json'), context());

    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }],
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('ana@example.com');
    expect(sent[0]?.text).toMatch(
      /\n7: https:\/\/surveys\.example\.com\/s\/eH_bis7h4OUB5BPYANqFxg[\w-]{22}\?score=7\n/,
    );
    expect(await invitations.get(INVITATION_ID)).toMatchObject({
      status: 'sent',
      messageId: 'm-1',
    });
  });

  it('marks the invitation failed with the error when the last receive fails too', async () => {
    const { invitations, handler } = await setup({
      send: async () => {
        throw new Error('socket hang up');
      },
    });
    const event = loadEvent('sqs/send-invitation.json');
    const valid = event.Records[0];
    valid.attributes.ApproximateReceiveCount = '4';
    const fourth = await handler({ Records: [valid] }, context());
    const afterFourth = (await invitations.get(INVITATION_ID))?.status;
    valid.attributes.ApproximateReceiveCount = '5';
    const fifth = await handler({ Records: [valid] }, context());

    expect(fourth).toEqual({ batchItemFailures: [{ itemIdentifier: valid.messageId }] });
    expect(afterFourth).toBe('scheduled');
    expect(fifth).toEqual({ batchItemFailures: [{ itemIdentifier: valid.messageId }] });
    expect(await invitations.get(INVITATION_ID)).toMatchObject({
      status: 'failed',
      reasonCode: 'gave-up',
      reason: 'gave up after 5 attempts: Error: socket hang up',
    });
  });
});
