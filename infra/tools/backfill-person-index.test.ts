import { describe, expect, it } from 'vitest';
import { DynamoDbPersonIndex } from '../../lib/contacts/dynamodb-person-index.js';
import { DynamoDbInvitationStore } from '../../lib/invitations/dynamodb-invitation-store.js';
import { everyItemOf, freshTable } from '../../test/support/dynamodb.js';
import { anInvitation } from '../../test/support/samples.js';
import { backfillPersonIndex } from './backfill-person-index.js';

describe('backfillPersonIndex', () => {
  it('notes invitations stored before the index under every key of their person, and none erased', async () => {
    const { client, tableName } = await freshTable();
    const invitations = new DynamoDbInvitationStore(client, tableName);
    await invitations.create(
      anInvitation({ invitationId: 'old-1', customer: { id: 'c-1', email: 'Ana@Example.com' } }),
    );
    await invitations.create(
      anInvitation({ invitationId: 'old-2', customer: { id: 'c-1', phone: '+14155550100' } }),
    );
    await invitations.create(
      anInvitation({ invitationId: 'old-3', customer: { id: '' }, erasedAt: '2026-11-30T00:00:00Z' }),
    );
    const index = new DynamoDbPersonIndex(client, tableName);

    const counts = await backfillPersonIndex(client, tableName, { days: 400 });
    const again = await backfillPersonIndex(client, tableName, { days: 400 });

    expect(counts).toEqual({ noted: 2, erased: 1 });
    expect(again).toEqual(counts);
    expect((await index.invitationsOf('customer:c-1')).sort()).toEqual(['old-1', 'old-2']);
    expect(await index.invitationsOf('email:ana@example.com')).toEqual(['old-1']);
    expect(await index.invitationsOf('phone:+14155550100')).toEqual(['old-2']);
  });

  it('keeps an entry as long as what it finds: for ever for an invitation stored without an expiry', async () => {
    const { client, tableName, endpoint } = await freshTable();
    const createdAt = '2024-01-10T09:00:00.000Z';
    await new DynamoDbInvitationStore(client, tableName).create(
      anInvitation({ invitationId: 'older', createdAt, customer: { id: 'c-1' } }),
    );
    await new DynamoDbInvitationStore(client, tableName, { days: 400 }).create(
      anInvitation({ invitationId: 'newer', createdAt, customer: { id: 'c-2' } }),
    );

    await backfillPersonIndex(client, tableName, { days: 400 });

    const entries = (await everyItemOf({ dynamoDbEndpoint: endpoint, tableName })).filter(
      (item) => item.type === 'person-index',
    );
    const expiryOf = (id: string) => entries.find((item) => item.invitationId === id)?.expiresAt;
    expect(expiryOf('older')).toBeUndefined();
    // Past the invitation's own expiry: its answer and case begin later and are kept as long.
    expect(expiryOf('newer')).toBeGreaterThan(Date.parse(createdAt) / 1000 + 400 * 86_400);
  });
});
