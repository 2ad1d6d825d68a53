import {
  addCounts,
  type BucketId,
  type BucketState,
  bucketKeyOf,
  type Counts,
  WRITE_SLOTS,
} from '../../lib/aggregates/fold.js';
import { addHistograms, emptyHistogram } from '../../lib/aggregates/formulas.js';
import type { AggregateStore, DayCounts } from '../../lib/aggregates/ports.js';
import type { PageStamps, StampUse } from '../../lib/answers/ports.js';
import type { PendingLogin, PendingLogins } from '../../lib/console/managed-login.js';
import type { Session, SessionStore } from '../../lib/console/sessions.js';
import { type ContactPolicy, ContactPolicySchema } from '../../lib/contacts/contact-policy.js';
import type { ContactLedger, PersonIndex } from '../../lib/contacts/ports.js';
import type {
  Invitation,
  InvitationFields,
  StoredInvitationStatus,
} from '../../lib/invitations/invitation.js';
import type { InvitationStore, ResponseStore, SendQueue } from '../../lib/invitations/ports.js';
import type { Response } from '../../lib/invitations/response.js';
import type { Clock } from '../../lib/platform/clock.js';
import { aggregatePartition } from '../../lib/platform/table-design.js';
import type { Survey } from '../../lib/surveys/scales.js';
import type { Dimension, Segment } from '../../lib/surveys/segments.js';
import type { Day } from '../../lib/surveys/window.js';

/**
 * A copy as DynamoDB keeps it: the adapters marshall with `removeUndefinedValues`, so a property whose
 * value is undefined is not stored at all, at any depth.
 */
const stored = <T>(value: T): T => {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(stored) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([name, item]) => [name, stored(item)]),
  ) as T;
};

/**
 * Invitations in a Map, with the DynamoDB adapter's rules: create once, move status only from `from`,
 * a field handed as undefined is left as it is, and a field both set and named for removal is set.
 * test/store-contracts.test.ts holds it to the adapter.
 */
export class InMemoryInvitationStore implements InvitationStore {
  readonly items = new Map<string, Invitation>();
  /** Successful writes, to show that something changed nothing. */
  changes = 0;

  async create(invitation: Invitation): Promise<boolean> {
    if (this.items.has(invitation.invitationId)) return false;
    this.items.set(invitation.invitationId, stored(invitation));
    this.changes += 1;
    return true;
  }

  async get(invitationId: string): Promise<Invitation | null> {
    const invitation = this.items.get(invitationId);
    return invitation ? structuredClone(invitation) : null;
  }

  async transition(
    invitationId: string,
    from: StoredInvitationStatus,
    to: StoredInvitationStatus,
    fields: InvitationFields = {},
    remove: readonly (keyof Invitation)[] = [],
  ): Promise<boolean> {
    const invitation = this.items.get(invitationId);
    if (invitation?.status !== from) return false;
    // As the adapter's update expression: SET only what has a value, REMOVE only what is not in `fields`.
    const next: Invitation = { ...invitation, ...stored(fields), status: to };
    for (const name of remove) if (!(name in fields)) delete next[name];
    this.items.set(invitationId, next);
    this.changes += 1;
    return true;
  }
}

/** Remembers what was queued for sending, and when it is due. */
export class RecordingSendQueue implements SendQueue {
  readonly enqueued: { invitationId: string; dueAt: string }[] = [];

  async enqueue(invitationId: string, dueAt: Date): Promise<void> {
    this.enqueued.push({ invitationId, dueAt: dueAt.toISOString() });
  }
}

/** A contact ledger with nobody suppressed and nobody surveyed, for tests about other things. */
/** A person index that notes nothing: for tests of scheduling that never erase. */
export const noPersonIndex: PersonIndex = {
  remember: async () => undefined,
  invitationsOf: async () => [],
};

export const noContacts: ContactLedger = {
  suppressionOf: async () => null,
  lastSendOf: async () => null,
  suppress: async () => undefined,
  lift: async () => false,
  claimSend: async () => ({ outcome: 'claimed' }),
  releaseSend: async () => undefined,
};

/** The stage's contact policy with no delay, no quiet hours and the default fatigue. */
export const openPolicy = (overrides: Partial<ContactPolicy> = {}): ContactPolicy =>
  ContactPolicySchema.parse({ delaySeconds: 0, quietHours: null, ...overrides });

/**
 * Aggregate buckets in a Map, with the DynamoDB adapter's rules: a write expecting version 0 creates
 * a bucket that must not exist, any other expects the stored version; `range` adds up the write slots
 * of each day and answers the days in order. `put` seeds a day as the fold would have counted it,
 * `ranges` records each range query, and `stateOf` reads a day bucket back as a whole.
 * test/store-contracts.test.ts holds it to the adapter.
 */
export class InMemoryAggregateStore implements AggregateStore {
  readonly items = new Map<string, { bucket: BucketId; state: BucketState }>();
  readonly ranges: { survey: Survey; segment: Segment; from: Day; to: Day }[] = [];
  /** Successful writes: readers such as readMetrics make none. */
  writes = 0;

  async read(buckets: readonly BucketId[]): Promise<Map<string, BucketState>> {
    const states = new Map<string, BucketState>();
    for (const bucket of buckets) {
      const item = this.items.get(bucketKeyOf(bucket));
      if (item) states.set(bucketKeyOf(bucket), structuredClone(item.state));
    }
    return states;
  }

  async write(bucket: BucketId, state: BucketState, expectedVersion: number): Promise<boolean> {
    const existing = this.items.get(bucketKeyOf(bucket));
    if (expectedVersion === 0 ? existing !== undefined : existing?.state.version !== expectedVersion) {
      return false;
    }
    this.items.set(bucketKeyOf(bucket), {
      bucket: { ...bucket, slot: bucket.slot ?? 0 },
      state: structuredClone(state),
    });
    this.writes += 1;
    return true;
  }

  async range(survey: Survey, segment: Segment, from: Day, to: Day) {
    this.ranges.push({ survey, segment, from, to });
    const partition = aggregatePartition(survey, segment);
    const byDay = new Map<Day, DayCounts>();
    for (const { bucket, state } of this.items.values()) {
      if (aggregatePartition(bucket.survey, bucket.segment) !== partition) continue;
      if (bucket.day < from || bucket.day > to) continue;
      const sum = byDay.get(bucket.day);
      byDay.set(bucket.day, {
        day: bucket.day,
        histogram: sum ? addHistograms(sum.histogram, state.histogram) : [...state.histogram],
        counts: addCounts(sum?.counts ?? {}, state.counts ?? {}),
      });
    }
    return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
  }

  /** Registered segment values, by `<survey>|<dimension>`. */
  readonly registry = new Map<string, Set<string>>();
  /** Calls of `register` that added a value. */
  registrations = 0;

  async register(survey: Survey, segment: NonNullable<Segment>): Promise<void> {
    const key = `${survey}|${segment.dimension}`;
    const values = this.registry.get(key) ?? new Set<string>();
    if (!values.has(segment.value)) this.registrations += 1;
    this.registry.set(key, values.add(segment.value));
  }

  async values(survey: Survey, dimension: Dimension): Promise<string[]> {
    return [...(this.registry.get(`${survey}|${dimension}`) ?? [])].sort();
  }

  /** Adds a day's funnel counts to its bucket, as the fold would have written them. */
  putCounts(survey: Survey, segment: Segment, day: Day, counts: Counts): void {
    const bucket = { survey, segment, day, slot: 0 };
    const state = this.items.get(bucketKeyOf(bucket))?.state;
    this.items.set(bucketKeyOf(bucket), {
      bucket,
      state: {
        histogram: state?.histogram ?? emptyHistogram(survey),
        counts: addCounts(state?.counts ?? {}, counts),
        version: (state?.version ?? 0) + 1,
        fences: state?.fences ?? {},
      },
    });
    if (segment) void this.register(survey, segment);
  }

  /** Adds a day's counts to its bucket, as the fold would have written them. */
  put(survey: Survey, segment: Segment, day: Day, histogram: number[]): void {
    const bucket = { survey, segment, day, slot: 0 };
    const state = this.items.get(bucketKeyOf(bucket))?.state;
    this.items.set(bucketKeyOf(bucket), {
      bucket,
      state: {
        histogram: state ? addHistograms(state.histogram, histogram) : [...histogram],
        ...(state?.counts ? { counts: state.counts } : {}),
        version: (state?.version ?? 0) + 1,
        fences: state?.fences ?? {},
      },
    });
    if (segment) void this.register(survey, segment);
  }

  /** A day bucket as readers see it: its write slots added up (versions summed, fences of every slot together). */
  stateOf(bucket: BucketId): BucketState | undefined {
    const slots = Array.from({ length: WRITE_SLOTS }, (_, slot) =>
      this.items.get(bucketKeyOf({ ...bucket, slot })),
    )
      .filter((item) => item !== undefined)
      .map((item) => item.state);
    if (slots.length === 0) return undefined;
    return slots.reduce((sum, state) => ({
      histogram: sum.histogram.map((count, i) => count + (state.histogram[i] ?? 0)),
      version: sum.version + state.version,
      fences: { ...sum.fences, ...state.fences },
    }));
  }
}

/**
 * Answers in a Map, with the DynamoDB adapter's rules: `save` replaces the whole answer with exactly
 * what it is given (what a change keeps is the use case's doing) and answers it. Held to the adapter
 * by test/store-contracts.test.ts.
 */
export class InMemoryResponseStore implements ResponseStore {
  readonly items = new Map<string, Response>();
  saves = 0;

  async get(invitationId: string): Promise<Response | null> {
    const response = this.items.get(invitationId);
    return response ? structuredClone(response) : null;
  }

  async save(response: Response): Promise<Response> {
    this.items.set(response.invitationId, stored(response));
    this.saves += 1;
    return response;
  }
}

/**
 * Page stamps' uses in a Map, with the DynamoDB adapter's rules: the first use of a stamp is kept with
 * its answer's digest, a later one answers whether it carried the same. Held to the adapter by
 * test/store-contracts.test.ts.
 */
export class InMemoryPageStamps implements PageStamps {
  readonly items = new Map<string, { answer: string; expiresAt: Date }>();

  async use(invitationId: string, stampId: string, answer: string, expiresAt: Date): Promise<StampUse> {
    const used = this.items.get(`${invitationId}#${stampId}`);
    if (used) return used.answer === answer ? 'repeat' : 'reused';
    this.items.set(`${invitationId}#${stampId}`, { answer, expiresAt });
    return 'first';
  }

  async giveBack(invitationId: string, stampId: string): Promise<void> {
    this.items.delete(`${invitationId}#${stampId}`);
  }
}

/**
 * Console sessions in a Map, with the DynamoDB adapter's rules: found until they end, gone once ended.
 * Held to the adapter by test/store-contracts.test.ts.
 */
export class InMemorySessionStore implements SessionStore {
  readonly items = new Map<string, Session>();

  async find(sessionId: string, now: Date): Promise<Session | null> {
    const session = this.items.get(sessionId);
    return session && session.endsAt > now.toISOString() ? structuredClone(session) : null;
  }

  async keep(sessionId: string, session: Session): Promise<void> {
    this.items.set(sessionId, structuredClone(stored(session)));
  }

  async end(sessionId: string): Promise<void> {
    this.items.delete(sessionId);
  }
}

/**
 * Sign-ins under way in a Map, with the DynamoDB adapter's rules: each taken once, refused once
 * expired. Held to the adapter by test/store-contracts.test.ts.
 */
export class InMemoryPendingLogins implements PendingLogins {
  readonly items = new Map<string, PendingLogin>();

  async keep(state: string, login: PendingLogin): Promise<void> {
    if (this.items.has(state)) throw new Error('a sign-in is kept under this state already');
    this.items.set(state, { ...login });
  }

  async take(state: string, now: Date): Promise<PendingLogin | null> {
    const login = this.items.get(state);
    this.items.delete(state);
    return login && login.expiresAt > now.toISOString() ? login : null;
  }
}

/** A response store for tests that do not care about answers: there are none. */
export const noResponses: ResponseStore = {
  get: async () => null,
  save: async (response) => response,
};

/** A clock that stays at `iso`. */
export const clockAt = (iso: string): Clock => ({ now: () => new Date(iso) });

/** Sends at once: pacing is not what these tests look at. */
export const noPacing = async (): Promise<void> => undefined;
