import { beforeEach, describe, expect, it } from 'vitest';
import { type BucketId, type BucketState, bucketKeyOf, type Counts } from '../lib/aggregates/fold.js';
import type { AggregateStore } from '../lib/aggregates/ports.js';
import type { PageStamps } from '../lib/answers/ports.js';
import { DynamoDbPendingLogins } from '../lib/console/dynamodb-pending-logins.js';
import { DynamoDbSessionStore } from '../lib/console/dynamodb-session-store.js';
import type { PendingLogins } from '../lib/console/managed-login.js';
import { type SessionStore, sessionFor } from '../lib/console/sessions.js';
import type { Invitation } from '../lib/invitations/invitation.js';
import type { InvitationStore, ResponseStore } from '../lib/invitations/ports.js';
import type { Response } from '../lib/invitations/response.js';
import { freshTable } from './support/dynamodb.js';
import { freshStores } from './support/handlers.js';
import {
  InMemoryAggregateStore,
  InMemoryInvitationStore,
  InMemoryPageStamps,
  InMemoryPendingLogins,
  InMemoryResponseStore,
  InMemorySessionStore,
} from './support/in-memory.js';
import { ANA, anInvitation, aResponse } from './support/samples.js';

/**
 * One contract per store port, run against the in-memory fake tests use and the DynamoDB adapter the
 * functions use (on DynamoDB Local), so that a fake cannot drift from the store it stands for.
 *
 * Not held to a contract here:
 * - the null objects `noContacts` and `noResponses`: they stand for "nobody suppressed" and "no
 *   answers" on purpose, and no store behaves like them;
 * - `RecordingSendQueue`: a recorder for the SQS adapter, which has no local twin;
 *   lib/invitations/sqs-send-queue.test.ts checks the messages that adapter sends;
 * - `openPolicy`, `noPacing` and `clockAt`: settings, a no-op and a clock, not stores.
 *
 * lib/aggregates/fold.test.ts and lib/answers/record-answer.test.ts use the shared fakes held here. A
 * fake private to another test file is out of reach: the alert ledger of
 * lib/cases/alert-on-unhappy-answer.test.ts has no shared one yet.
 */

const invitationStores: [string, () => Promise<InvitationStore>][] = [
  ['InMemoryInvitationStore', async () => new InMemoryInvitationStore()],
  ['DynamoDbInvitationStore', async () => (await freshStores()).invitations],
];

/** An invitation with every kind of field: nested, optional and a map. */
const invitation = (overrides: Partial<Invitation> = {}): Invitation =>
  anInvitation({
    invitationId: 'inv-1',
    customer: { ...ANA, locale: 'en' },
    agent: 'agent-7',
    attributes: { ticketUrl: 'https://helpdesk.example.com/t/48213' },
    ...overrides,
  });

describe.each(invitationStores)('%s, as an InvitationStore', (_name, make) => {
  let store: InvitationStore;
  beforeEach(async () => {
    store = await make();
  });

  it('creates an invitation once: a second create of its id answers false and keeps the first', async () => {
    const first = await store.create(invitation());
    const duplicate = await store.create(invitation({ team: 'onboarding' }));

    expect([first, duplicate]).toEqual([true, false]);
    expect(await store.get('inv-1')).toStrictEqual(invitation());
  });

  it('gets a copy of what was created, and null for an id never created', async () => {
    await store.create(invitation());

    const got = await store.get('inv-1');
    if (got) got.customer.name = 'changed by the caller';

    expect(await store.get('inv-1')).toStrictEqual(invitation());
    expect(await store.get('inv-2')).toBeNull();
  });

  it('stores no property for a value that is undefined', async () => {
    await store.create(invitation({ agent: undefined, attributes: undefined }));

    const got = await store.get('inv-1');

    expect(got && Object.keys(got)).not.toContain('agent');
    expect(got && Object.keys(got)).not.toContain('attributes');
  });

  it('moves an invitation only from the status it is in, with the fields given', async () => {
    await store.create(invitation());

    const claimed = await store.transition('inv-1', 'scheduled', 'sending', {
      claimedAt: '2026-11-26T11:04:01.000Z',
    });
    const again = await store.transition('inv-1', 'scheduled', 'sending', {
      claimedAt: '2026-11-26T11:04:02.000Z',
    });

    expect([claimed, again]).toEqual([true, false]);
    expect(await store.get('inv-1')).toStrictEqual(
      invitation({ status: 'sending', claimedAt: '2026-11-26T11:04:01.000Z' }),
    );
  });

  it('keeps a status, changing only the fields, when `from` and `to` are the same', async () => {
    await store.create(invitation({ status: 'sent', sentAt: '2026-11-26T11:04:03.000Z' }));

    const moved = await store.transition('inv-1', 'sent', 'sent', {
      reminderDueAt: '2026-11-29T11:04:03.000Z',
    });

    expect(moved).toBe(true);
    expect(await store.get('inv-1')).toMatchObject({
      status: 'sent',
      reminderDueAt: '2026-11-29T11:04:03.000Z',
    });
  });

  it('refuses to move an invitation that does not exist, and creates none', async () => {
    const moved = await store.transition('inv-1', 'scheduled', 'cancelled', { reasonCode: 'reopened' });

    expect(moved).toBe(false);
    expect(await store.get('inv-1')).toBeNull();
  });

  it('removes the fields named, except one the same move sets', async () => {
    await store.create(
      invitation({
        status: 'cancelled',
        reason: 'cancelled: reopened',
        reasonCode: 'reopened',
        reopenedAt: 'x',
      }),
    );

    await store.transition(
      'inv-1',
      'cancelled',
      'scheduled',
      { dueAt: '2026-11-27T09:00:00.000Z', reopenedAt: 'y' },
      ['reason', 'reasonCode', 'reopenedAt'],
    );

    expect(await store.get('inv-1')).toStrictEqual(
      invitation({ status: 'scheduled', dueAt: '2026-11-27T09:00:00.000Z', reopenedAt: 'y' }),
    );
  });

  it('leaves a field handed as undefined as it was', async () => {
    await store.create(invitation({ status: 'sending', reason: 'throttled twice', throttledCount: 2 }));

    await store.transition('inv-1', 'sending', 'scheduled', { reason: undefined, throttledCount: 3 });

    expect(await store.get('inv-1')).toMatchObject({
      status: 'scheduled',
      reason: 'throttled twice',
      throttledCount: 3,
    });
  });
});

const aggregateStores: [string, () => Promise<AggregateStore>][] = [
  ['InMemoryAggregateStore', async () => new InMemoryAggregateStore()],
  ['DynamoDbAggregateStore', async () => (await freshStores()).aggregates],
];

const billing = { dimension: 'team', value: 'billing' } as const;
const bucket = (day: string, overrides: Partial<BucketId> = {}): BucketId => ({
  survey: 'nps',
  segment: billing,
  day,
  ...overrides,
});
/** An NPS histogram with `count` answers of `score`. */
const answers = (score: number, count = 1) => Array.from({ length: 11 }, (_, i) => (i === score ? count : 0));
const state = (
  histogram: number[],
  version: number,
  fences: BucketState['fences'] = {},
  counts?: Counts,
): BucketState => ({ histogram, ...(counts ? { counts } : {}), version, fences });

describe.each(aggregateStores)('%s, as an AggregateStore', (_name, make) => {
  let store: AggregateStore;
  beforeEach(async () => {
    store = await make();
  });

  it('reads nothing for buckets never written', async () => {
    expect(await store.read([bucket('2026-11-26'), bucket('2026-11-26', { slot: 3 })])).toEqual(new Map());
  });

  it('creates a bucket when expecting version 0, once', async () => {
    const created = await store.write(bucket('2026-11-26'), state(answers(9), 1), 0);
    const again = await store.write(bucket('2026-11-26'), state(answers(0), 1), 0);

    expect([created, again]).toEqual([true, false]);
    expect((await store.read([bucket('2026-11-26')])).get(bucketKeyOf(bucket('2026-11-26')))).toEqual(
      state(answers(9), 1),
    );
  });

  it('writes over a bucket only at the version it was read at', async () => {
    await store.write(bucket('2026-11-26'), state(answers(9), 1), 0);

    const current = await store.write(bucket('2026-11-26'), state(answers(9, 2), 2), 1);
    const stale = await store.write(bucket('2026-11-26'), state(answers(0, 5), 2), 1);
    const ahead = await store.write(bucket('2026-11-26'), state(answers(0, 5), 9), 5);

    expect([current, stale, ahead]).toEqual([true, false, false]);
    expect((await store.read([bucket('2026-11-26')])).get(bucketKeyOf(bucket('2026-11-26')))).toEqual(
      state(answers(9, 2), 2),
    );
  });

  it('reads each bucket under its key, its write slot included, with histogram, version and fences', async () => {
    const fences = { 'shardId-1': { sequenceNumber: '0'.repeat(36).concat('4421'), at: 1795688102 } };
    await store.write(bucket('2026-11-26'), state(answers(3), 1, fences), 0);
    await store.write(bucket('2026-11-26', { slot: 2 }), state(answers(10), 1), 0);

    const read = await store.read([bucket('2026-11-26', { slot: 0 }), bucket('2026-11-26', { slot: 2 })]);

    expect(read).toEqual(
      new Map([
        [bucketKeyOf(bucket('2026-11-26')), state(answers(3), 1, fences)],
        [bucketKeyOf(bucket('2026-11-26', { slot: 2 })), state(answers(10), 1)],
      ]),
    );
  });

  it("answers a range's days in order, both ends included, each day's write slots added up, of one survey and segment", async () => {
    await store.write(bucket('2026-11-27'), state(answers(10), 1), 0);
    await store.write(bucket('2026-11-26', { slot: 1 }), state(answers(0), 1), 0);
    await store.write(bucket('2026-11-26', { slot: 3 }), state(answers(0, 2), 1), 0);
    await store.write(bucket('2026-11-20'), state(answers(9), 1), 0);
    await store.write(bucket('2026-11-19'), state(answers(5), 1), 0);
    await store.write(bucket('2026-11-28'), state(answers(5), 1), 0);
    await store.write(bucket('2026-11-26', { segment: null }), state(answers(7), 1), 0);
    await store.write(
      bucket('2026-11-26', { survey: 'ces', segment: billing }),
      state([0, 0, 0, 0, 0, 0, 1], 1),
      0,
    );

    const days = await store.range('nps', billing, '2026-11-20', '2026-11-27');

    expect(days).toEqual([
      { day: '2026-11-20', histogram: answers(9), counts: {} },
      { day: '2026-11-26', histogram: answers(0, 3), counts: {} },
      { day: '2026-11-27', histogram: answers(10), counts: {} },
    ]);
    expect(await store.range('nps', null, '2026-11-26', '2026-11-26')).toEqual([
      { day: '2026-11-26', histogram: answers(7), counts: {} },
    ]);
    expect(
      await store.range('nps', { dimension: 'team', value: 'bill' }, '2026-11-01', '2026-11-30'),
    ).toEqual([]);
  });

  it("adds up a day's funnel counts over its write slots, stage by stage", async () => {
    await store.write(bucket('2026-11-26'), state(answers(9), 1, {}, { sent: 2, 'skipped:fatigue': 1 }), 0);
    await store.write(
      bucket('2026-11-26', { slot: 2 }),
      state(answers(0), 1, {}, { sent: 1, received: 4 }),
      0,
    );

    expect(await store.range('nps', billing, '2026-11-26', '2026-11-26')).toEqual([
      {
        day: '2026-11-26',
        histogram: answers(9).map((count, i) => count + (i === 0 ? 1 : 0)),
        counts: { sent: 3, received: 4, 'skipped:fatigue': 1 },
      },
    ]);
  });

  it('notes each segment value once per survey and dimension, and lists them in order', async () => {
    await store.register('nps', { dimension: 'agent', value: 'agent-9' });
    await store.register('nps', { dimension: 'agent', value: 'agent-10' });
    await store.register('nps', { dimension: 'agent', value: 'agent-9' });
    await store.register('csat', { dimension: 'agent', value: 'agent-1' });
    await store.register('nps', { dimension: 'team', value: 'billing' });

    expect(await store.values('nps', 'agent')).toEqual(['agent-10', 'agent-9']);
    expect(await store.values('csat', 'agent')).toEqual(['agent-1']);
    expect(await store.values('nps', 'team')).toEqual(['billing']);
    expect(await store.values('ces', 'team')).toEqual([]);
  });
});

const responseStores: [string, () => Promise<ResponseStore>][] = [
  ['InMemoryResponseStore', async () => new InMemoryResponseStore()],
  ['DynamoDbResponseStore', async () => (await freshStores()).responses],
];

/** An answer with every kind of field: held as suspect (a list and a map), optional ones and a map. */
const response = (overrides: Partial<Response> = {}): Response =>
  aResponse({
    invitationId: 'inv-1',
    suspect: true,
    suspectReasons: ['no-script'],
    suspectSignals: {
      scriptRan: false,
      interactions: 0,
      pageDwellMs: 800,
      sinceSentMs: null,
      userAgent: 'curl/8.5',
    },
    agent: 'agent-7',
    customerEmail: 'ana@example.com',
    attributes: { ticketUrl: 'https://helpdesk.example.com/t/48213' },
    ...overrides,
  });

describe.each(responseStores)('%s, as a ResponseStore', (_name, make) => {
  let store: ResponseStore;
  beforeEach(async () => {
    store = await make();
  });

  it('answers null for an invitation without an answer', async () => {
    expect(await store.get('inv-1')).toBeNull();
  });

  it('gets a copy of what was saved, and saving answers what it was given', async () => {
    const saved = await store.save(response());

    const got = await store.get('inv-1');
    if (got) got.comment = 'changed by the caller';

    expect(saved).toStrictEqual(response());
    expect(await store.get('inv-1')).toStrictEqual(response());
  });

  it('replaces the whole answer on a later save, keeping nothing of the earlier one', async () => {
    await store.save(response());

    await store.save(
      response({
        score: 9,
        suspect: false,
        suspectReasons: undefined,
        suspectSignals: undefined,
        agent: undefined,
        updatedAt: '2026-11-26T10:17:40.000Z',
      }),
    );

    const got = await store.get('inv-1');
    expect(got).toMatchObject({ score: 9, suspect: false, updatedAt: '2026-11-26T10:17:40.000Z' });
    expect(got && Object.keys(got)).not.toContain('suspectReasons');
    expect(got && Object.keys(got)).not.toContain('suspectSignals');
    expect(got && Object.keys(got)).not.toContain('agent');
  });
});

const pageStampStores: [string, () => Promise<PageStamps>][] = [
  ['InMemoryPageStamps', async () => new InMemoryPageStamps()],
  ['DynamoDbPageStamps', async () => (await freshStores()).stamps],
];

describe.each(pageStampStores)('%s, as PageStamps', (_name, make) => {
  let stamps: PageStamps;
  beforeEach(async () => {
    stamps = await make();
  });
  const expiresAt = new Date('2026-11-27T10:15:00.000Z');

  it("answers first for a stamp's first use, repeat for the same answer again, reused for another", async () => {
    const first = await stamps.use('inv-1', 'stamp-a', 'digest-1', expiresAt);
    const repeat = await stamps.use('inv-1', 'stamp-a', 'digest-1', expiresAt);
    const reused = await stamps.use('inv-1', 'stamp-a', 'digest-2', expiresAt);

    expect([first, repeat, reused]).toEqual(['first', 'repeat', 'reused']);
  });

  it('tells stamps apart by invitation and by stamp', async () => {
    await stamps.use('inv-1', 'stamp-a', 'digest-1', expiresAt);

    expect(await stamps.use('inv-2', 'stamp-a', 'digest-2', expiresAt)).toBe('first');
    expect(await stamps.use('inv-1', 'stamp-b', 'digest-2', expiresAt)).toBe('first');
  });

  it('gives exactly one of two uses at once the first use', async () => {
    const both = await Promise.all([
      stamps.use('inv-1', 'stamp-a', 'digest-1', expiresAt),
      stamps.use('inv-1', 'stamp-a', 'digest-2', expiresAt),
    ]);

    expect(both.filter((use) => use === 'first')).toHaveLength(1);
  });

  it('forgets a use given back, and giving back one never used is harmless', async () => {
    await stamps.use('inv-1', 'stamp-a', 'digest-1', expiresAt);

    await stamps.giveBack('inv-1', 'stamp-a');
    await stamps.giveBack('inv-1', 'stamp-never');

    expect(await stamps.use('inv-1', 'stamp-a', 'digest-2', expiresAt)).toBe('first');
  });
});

const sessionStores: [string, () => Promise<SessionStore>][] = [
  ['InMemorySessionStore', async () => new InMemorySessionStore()],
  [
    'DynamoDbSessionStore',
    async () => {
      const { client, tableName } = await freshTable();
      return new DynamoDbSessionStore(client, tableName);
    },
  ],
];

describe.each(sessionStores)('%s, as a SessionStore', (_name, make) => {
  let sessions: SessionStore;
  beforeEach(async () => {
    sessions = await make();
  });
  const signedInAt = new Date('2026-11-26T09:00:00.000Z');
  const lead = { email: 'lead@acme.example', teams: ['billing'], timeZone: 'Europe/London' };

  it('finds a session kept, as kept, until it ends', async () => {
    const session = sessionFor(lead, signedInAt);
    await sessions.keep('session-a', session);

    expect(await sessions.find('session-a', new Date('2026-11-26T20:59:59.000Z'))).toStrictEqual(session);
    expect(await sessions.find('session-a', new Date('2026-11-26T21:00:00.000Z'))).toBeNull();
    expect(await sessions.find('session-b', signedInAt)).toBeNull();
  });

  it('forgets a session ended, and ending one never kept is harmless', async () => {
    await sessions.keep('session-a', sessionFor(lead, signedInAt));

    await sessions.end('session-a');
    await sessions.end('session-never');

    expect(await sessions.find('session-a', signedInAt)).toBeNull();
  });
});

const pendingLoginStores: [string, () => Promise<PendingLogins>][] = [
  ['InMemoryPendingLogins', async () => new InMemoryPendingLogins()],
  [
    'DynamoDbPendingLogins',
    async () => {
      const { client, tableName } = await freshTable();
      return new DynamoDbPendingLogins(client, tableName);
    },
  ],
];

describe.each(pendingLoginStores)('%s, as PendingLogins', (_name, make) => {
  let pending: PendingLogins;
  beforeEach(async () => {
    pending = await make();
  });
  const login = {
    verifier: 'v'.repeat(64),
    returnTo: '/console/cases/inv-1?tab=history',
    expiresAt: '2026-11-26T09:10:00.000Z',
  };
  const before = new Date('2026-11-26T09:05:00.000Z');

  it('gives a sign-in kept back once, as kept', async () => {
    await pending.keep('state-a', login);

    expect(await pending.take('state-a', before)).toStrictEqual(login);
    expect(await pending.take('state-a', before)).toBeNull();
  });

  it('gives an unknown state nothing, and an expired sign-in nothing, spending it', async () => {
    await pending.keep('state-a', login);

    expect(await pending.take('state-b', before)).toBeNull();
    expect(await pending.take('state-a', new Date(login.expiresAt))).toBeNull();
    expect(await pending.take('state-a', before)).toBeNull();
  });

  it('gives exactly one of two takes at once the sign-in', async () => {
    await pending.keep('state-a', login);

    const both = await Promise.all([pending.take('state-a', before), pending.take('state-a', before)]);

    expect(both.filter((taken) => taken !== null)).toEqual([login]);
  });

  it('refuses to keep a second sign-in under one state', async () => {
    await pending.keep('state-a', login);

    await expect(pending.keep('state-a', { ...login, returnTo: '/console' })).rejects.toThrow();
    expect(await pending.take('state-a', before)).toStrictEqual(login);
  });
});
