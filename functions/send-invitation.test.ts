import { describe, expect, it } from 'vitest';
import { DynamoDbContactLedger } from '../lib/adapters/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { DynamoDbSmsConversations } from '../lib/adapters/dynamodb-sms-conversations.js';
import { createLinks } from '../lib/core/links.js';
import type { OutgoingEmail } from '../lib/core/ports.js';
import { freshTable } from '../test/support/dynamodb.js';
import { openPolicy } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { createHandler } from './send-invitation.js';

describe('send-invitation', () => {
  it('sends the valid message and reports only the unreadable one as a batch item failure', async () => {
    const table = await freshTable();
    const invitations = new DynamoDbInvitationStore(table.client, table.tableName);
    await invitations.create({
      invitationId: 'eH_bis7h4OUB5BPYANqFxg',
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
    const sent: OutgoingEmail[] = [];
    const handler = createHandler({
      invitations,
      mailer: {
        send: async (email) => {
          sent.push(email);
          return `m-${sent.length}`;
        },
      },
      sms: { send: async () => 'never' },
      contacts: new DynamoDbContactLedger(table.client, table.tableName),
      conversations: new DynamoDbSmsConversations(table.client, table.tableName),
      sendQueue: { enqueue: async () => undefined },
      links: createLinks('https://surveys.example.com', async () => 'key'),
      clock: { now: () => new Date('2026-11-26T10:05:00Z') },
      policy: openPolicy(),
      messages: { defaultLocale: 'en' },
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
    expect(await invitations.get('eH_bis7h4OUB5BPYANqFxg')).toMatchObject({
      status: 'sent',
      messageId: 'm-1',
    });
  });

  it('marks the invitation failed with the error when the last receive fails too', async () => {
    const table = await freshTable();
    const invitations = new DynamoDbInvitationStore(table.client, table.tableName);
    await invitations.create({
      invitationId: 'eH_bis7h4OUB5BPYANqFxg',
      interactionId: 'zd-48213',
      survey: 'ces',
      via: 'email',
      customer: { id: 'c-981', email: 'ana@example.com' },
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
      mailer: {
        send: async () => {
          throw new Error('socket hang up');
        },
      },
      sms: { send: async () => 'never' },
      contacts: new DynamoDbContactLedger(table.client, table.tableName),
      conversations: new DynamoDbSmsConversations(table.client, table.tableName),
      sendQueue: { enqueue: async () => undefined },
      links: createLinks('https://surveys.example.com', async () => 'key'),
      clock: { now: () => new Date('2026-11-26T10:05:00Z') },
      policy: openPolicy(),
      messages: { defaultLocale: 'en' },
    });
    const event = loadEvent('sqs/send-invitation.json');
    const valid = event.Records[0];
    valid.attributes.ApproximateReceiveCount = '4';
    const fourth = await handler({ Records: [valid] }, context());
    const afterFourth = (await invitations.get('eH_bis7h4OUB5BPYANqFxg'))?.status;
    valid.attributes.ApproximateReceiveCount = '5';
    const fifth = await handler({ Records: [valid] }, context());

    expect(fourth).toEqual({ batchItemFailures: [{ itemIdentifier: valid.messageId }] });
    expect(afterFourth).toBe('scheduled');
    expect(fifth).toEqual({ batchItemFailures: [{ itemIdentifier: valid.messageId }] });
    expect(await invitations.get('eH_bis7h4OUB5BPYANqFxg')).toMatchObject({
      status: 'failed',
      reasonCode: 'gave-up',
      reason: 'gave up after 5 attempts: Error: socket hang up',
    });
  });
});
