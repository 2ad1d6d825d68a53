import { beforeEach, describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { DynamoDbInvitationStore } from '../invitations/dynamodb-invitation-store.js';
import { DynamoDbContactLedger } from './dynamodb-contact-ledger.js';

let ledger: DynamoDbContactLedger;
let invitations: DynamoDbInvitationStore;
beforeEach(async () => {
  const table = await freshTable();
  ledger = new DynamoDbContactLedger(table.client, table.tableName);
  invitations = new DynamoDbInvitationStore(table.client, table.tableName);
});

const reasonOf = async (key: `email:${string}` | `phone:${string}`) =>
  (await ledger.suppressionOf([{ key, except: [] }]))?.reason;

describe('DynamoDbContactLedger', () => {
  it('lets an unsubscribe replace a bounce, so that it stops every channel', async () => {
    await ledger.suppress({ key: 'email:a@example.com', reason: 'hard-bounce', at: '2026-11-01T00:00:00Z' });
    await ledger.suppress({ key: 'email:a@example.com', reason: 'unsubscribed', at: '2026-11-02T00:00:00Z' });

    expect(await reasonOf('email:a@example.com')).toBe('unsubscribed');
    // Another channel's check ignores a bounce, not an unsubscribe.
    expect(
      await ledger.suppressionOf([{ key: 'email:a@example.com', except: ['hard-bounce'] }]),
    ).toMatchObject({ reason: 'unsubscribed' });
  });

  it('never lets a weaker reason replace a complaint, and START lifts only an SMS opt-out', async () => {
    await ledger.suppress({ key: 'phone:+14155550100', reason: 'complaint', at: '2026-11-01T00:00:00Z' });
    await ledger.suppress({ key: 'phone:+14155550100', reason: 'sms-opt-out', at: '2026-11-02T00:00:00Z' });

    expect(await ledger.lift('phone:+14155550100', ['sms-opt-out'])).toBe(false);
    expect(await reasonOf('phone:+14155550100')).toBe('complaint');
  });

  it('gives back fatigue marks to the send before, and only its own', async () => {
    // Prepare
    const keys = ['customer:c-1', 'email:a@example.com'] as const;
    const claim = async (invitationId: string, at: string) => {
      await invitations.create({
        invitationId,
        interactionId: invitationId,
        survey: 'nps',
        via: 'email',
        customer: { id: 'c-1', email: 'a@example.com' },
        touchpoint: 't',
        channel: 'c',
        team: 'x',
        occurredAt: at,
        createdAt: at,
        dueAt: at,
        status: 'scheduled',
      });
      return ledger.claimSend({
        invitationId,
        kind: 'invitation',
        at: new Date(at),
        suppression: [],
        fatigueKeys: [...keys],
        fatigueSince: new Date(new Date(at).getTime() - 30 * 86_400_000),
        leaseCutoff: new Date(at),
      });
    };
    const outcomes = [
      await claim('inv-1', '2026-09-01T00:00:00.000Z'),
      await claim('inv-2', '2026-09-20T00:00:00.000Z'),
      await claim('inv-3', '2026-10-15T00:00:00.000Z'),
    ];

    // Act
    await ledger.releaseSend('inv-9', [...keys]);
    const untouched = await ledger.lastSendOf([...keys]);
    await ledger.releaseSend('inv-3', [...keys]);
    const restored = await ledger.lastSendOf([...keys]);
    await ledger.releaseSend('inv-1', [...keys]);

    // Assess
    expect(outcomes.map((o) => o.outcome)).toEqual(['claimed', 'fatigued', 'claimed']);
    expect(untouched).toMatchObject({ at: '2026-10-15T00:00:00.000Z', invitationId: 'inv-3' });
    expect(restored).toMatchObject({ at: '2026-09-01T00:00:00.000Z', invitationId: 'inv-1' });
    expect(await ledger.lastSendOf([...keys])).toBeNull();
  });
});
