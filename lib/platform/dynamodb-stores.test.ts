import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { DynamoDbAggregateStore } from '../aggregates/dynamodb-aggregate-store.js';
import { type BucketState, bucketKeyOf } from '../aggregates/fold.js';
import { ALERT_LEASE_MS, DynamoDbAlertLedger } from '../alerts/dynamodb-alert-ledger.js';
import { DynamoDbInvitationStore } from '../invitations/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../invitations/dynamodb-response-store.js';
import type { Invitation } from '../invitations/invitation.js';
import type { Response } from '../invitations/response.js';
import { ClaimHeldError } from './errors.js';

let table: Awaited<ReturnType<typeof freshTable>>;
beforeAll(async () => {
  table = await freshTable();
});

const invitation = (id: string): Invitation => ({
  invitationId: id,
  interactionId: `zd-${id}`,
  survey: 'nps',
  via: 'email',
  customer: { id: 'c-1', email: 'ana@example.com', name: 'Ana' },
  touchpoint: 'support-ticket',
  channel: 'phone',
  team: 'billing',
  agent: undefined,
  occurredAt: '2026-11-26T10:00:00.000Z',
  createdAt: '2026-11-26T10:00:01.000Z',
  dueAt: '2026-11-26T11:00:00.000Z',
  status: 'scheduled',
});

describe('DynamoDbInvitationStore', () => {
  it('stores an invitation once and refuses a second with the same id', async () => {
    const store = new DynamoDbInvitationStore(table.client, table.tableName);

    const first = await store.create(invitation('inv-a'));
    const second = await store.create({ ...invitation('inv-a'), team: 'other' });

    expect([first, second]).toEqual([true, false]);
    expect((await store.get('inv-a'))?.team).toBe('billing');
  });

  it('moves status only from the expected one, so two senders cannot both claim', async () => {
    const store = new DynamoDbInvitationStore(table.client, table.tableName);
    await store.create(invitation('inv-b'));

    const claims = await Promise.all([
      store.transition('inv-b', 'scheduled', 'sending'),
      store.transition('inv-b', 'scheduled', 'sending'),
    ]);
    await store.transition('inv-b', 'sending', 'sent', {
      sentAt: '2026-11-26T11:00:02.000Z',
      messageId: 'm-1',
    });

    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.get('inv-b')).toMatchObject({
      status: 'sent',
      sentAt: '2026-11-26T11:00:02.000Z',
      messageId: 'm-1',
    });
  });

  it('answers null for an unknown invitation', async () => {
    expect(await new DynamoDbInvitationStore(table.client, table.tableName).get('missing')).toBeNull();
  });
});

describe('DynamoDbResponseStore', () => {
  it('keeps one response per invitation and reads it back validated', async () => {
    const store = new DynamoDbResponseStore(table.client, table.tableName);
    const response: Response = {
      invitationId: 'inv-r',
      interactionId: 'zd-r',
      survey: 'csat',
      score: 2,
      comment: '',
      suspect: false,
      day: '2026-11-26',
      answeredAt: '2026-11-26T10:00:00.000Z',
      updatedAt: '2026-11-26T10:00:00.000Z',
      team: 'billing',
      channel: 'chat',
      touchpoint: 'support-ticket',
      customerId: 'c-1',
    };

    await store.save(response);
    await store.save({ ...response, score: 5, comment: 'sorted now' });

    expect(await store.get('inv-r')).toMatchObject({ score: 5, comment: 'sorted now', day: '2026-11-26' });
  });
});

describe('DynamoDbAggregateStore', () => {
  const bucket = {
    survey: 'nps' as const,
    segment: { dimension: 'team' as const, value: 'billing' },
    day: '2026-11-20',
  };
  const state = (version: number, count: number): BucketState => ({
    histogram: [count, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    version,
    fences: { 'shardId-1': { sequenceNumber: '0042', at: 1_700_000_000 } },
  });

  it('writes a new bucket only when none exists, then only over the version it read', async () => {
    const store = new DynamoDbAggregateStore(table.client, table.tableName);

    const created = await store.write(bucket, state(1, 1), 0);
    const createdAgain = await store.write(bucket, state(1, 5), 0);
    const stale = await store.write(bucket, state(2, 7), 5);
    const moved = await store.write(bucket, state(2, 2), 1);

    expect([created, createdAgain, stale, moved]).toEqual([true, false, false, true]);
    const read = await store.read([bucket]);
    expect([...read.values()]).toEqual([state(2, 2)]);
  });

  it('reads a day range of one segment with one query, leaving other segments out', async () => {
    const store = new DynamoDbAggregateStore(table.client, table.tableName);
    const segment = { dimension: 'agent' as const, value: 'agent-7' };
    for (const day of ['2026-10-31', '2026-11-01', '2026-11-15', '2026-11-30', '2026-12-01']) {
      await store.write(
        { survey: 'ces', segment, day },
        { histogram: [1, 0, 0, 0, 0, 0, 0], version: 1, fences: {} },
        0,
      );
    }
    await store.write(
      { survey: 'ces', segment: null, day: '2026-11-15' },
      { histogram: [9, 0, 0, 0, 0, 0, 0], version: 1, fences: {} },
      0,
    );

    const days = await store.range('ces', segment, '2026-11-01', '2026-11-30');

    expect(days.map((d) => d.day)).toEqual(['2026-11-01', '2026-11-15', '2026-11-30']);
  });
});

describe('DynamoDbAggregateStore write slots', () => {
  it('adds up the write slots of a day when reading a range, and keeps each slot apart when writing', async () => {
    const store = new DynamoDbAggregateStore(table.client, table.tableName);
    const day = { survey: 'csat' as const, segment: null, day: '2026-11-25' };
    const state = (counts: number[]): BucketState => ({ histogram: counts, version: 1, fences: {} });

    await store.write({ ...day, slot: 0 }, state([1, 0, 0, 0, 2]), 0);
    await store.write({ ...day, slot: 3 }, state([0, 0, 1, 0, 1]), 0);
    await store.write({ ...day, day: '2026-11-26', slot: 1 }, state([0, 1, 0, 0, 0]), 0);
    const slots = await store.read([
      { ...day, slot: 0 },
      { ...day, slot: 3 },
    ]);
    const days = await store.range('csat', null, '2026-11-25', '2026-11-26');

    expect(slots.get(bucketKeyOf({ ...day, slot: 0 }))?.histogram).toEqual([1, 0, 0, 0, 2]);
    expect(slots.get(bucketKeyOf({ ...day, slot: 3 }))?.histogram).toEqual([0, 0, 1, 0, 1]);
    expect(days).toEqual([
      { day: '2026-11-25', histogram: [1, 0, 1, 0, 3], counts: {} },
      { day: '2026-11-26', histogram: [0, 1, 0, 0, 0], counts: {} },
    ]);
  });
});

describe('DynamoDbAlertLedger', () => {
  it("hands a crashed publisher's claim over only after its lease, and never once published", async () => {
    const ledger = new DynamoDbAlertLedger(table.client, table.tableName);
    const at = new Date('2026-11-26T10:00:00Z');
    const later = (ms: number) => new Date(at.getTime() + ms);

    const first = await ledger.claim('detractor#inv-l', at);
    const whileHeld = await ledger.claim('detractor#inv-l', later(1_000)).catch((error: unknown) => error);
    const afterLease = await ledger.claim('detractor#inv-l', later(ALERT_LEASE_MS));
    await ledger.markPublished('detractor#inv-l', 'm-1', later(ALERT_LEASE_MS));
    const afterPublish = await ledger.claim('detractor#inv-l', later(10 * ALERT_LEASE_MS));

    expect(whileHeld).toBeInstanceOf(ClaimHeldError);
    expect([first, afterLease, afterPublish]).toEqual([true, true, false]);
  });

  it('lets the retry of a failed publish claim at once, after the claim is given back', async () => {
    const ledger = new DynamoDbAlertLedger(table.client, table.tableName);
    const at = new Date('2026-11-26T10:00:00Z');

    await ledger.claim('detractor#inv-r', at);
    await ledger.release('detractor#inv-r');
    const retry = await ledger.claim('detractor#inv-r', at);

    expect(retry).toBe(true);
  });
});
