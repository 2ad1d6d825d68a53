import { describe, expect, it } from 'vitest';
import { DynamoDbPersonIndex } from '../../lib/contacts/dynamodb-person-index.js';
import { DynamoDbInvitationStore } from '../../lib/invitations/dynamodb-invitation-store.js';
import { freshTable } from '../../test/support/dynamodb.js';
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
});
