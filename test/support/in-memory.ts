import type { BucketId, BucketState } from '../../lib/aggregates/fold.js';
import type { AggregateStore } from '../../lib/aggregates/ports.js';
import { type ContactPolicy, ContactPolicySchema } from '../../lib/contacts/contact-policy.js';
import type { ContactLedger } from '../../lib/contacts/ports.js';
import type {
  Invitation,
  InvitationFields,
  StoredInvitationStatus,
} from '../../lib/invitations/invitation.js';
import type { InvitationStore, ResponseStore, SendQueue } from '../../lib/invitations/ports.js';
import type { Survey } from '../../lib/surveys/scales.js';
import type { Segment } from '../../lib/surveys/segments.js';
import type { Day } from '../../lib/surveys/window.js';

/** Invitations in a Map, with the DynamoDB adapter's rules: create once, move status only from `from`. */
export class InMemoryInvitationStore implements InvitationStore {
  readonly items = new Map<string, Invitation>();
  /** Successful writes, to show that something changed nothing. */
  changes = 0;

  async create(invitation: Invitation): Promise<boolean> {
    if (this.items.has(invitation.invitationId)) return false;
    this.items.set(invitation.invitationId, structuredClone(invitation));
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
    const next: Invitation = { ...invitation, ...fields, status: to };
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

/** Day histograms per survey and segment; answers range queries and records them. */
export class InMemoryAggregateStore implements AggregateStore {
  readonly days: { survey: Survey; segment: Segment; day: Day; histogram: number[] }[] = [];
  readonly ranges: { survey: Survey; segment: Segment; from: Day; to: Day }[] = [];

  async read(): Promise<Map<string, BucketState>> {
    return new Map();
  }

  async write(_bucket: BucketId, _state: BucketState, _expectedVersion: number): Promise<boolean> {
    throw new Error('readMetrics must not write');
  }

  async range(survey: Survey, segment: Segment, from: Day, to: Day) {
    this.ranges.push({ survey, segment, from, to });
    return this.days
      .filter(
        (d) =>
          d.survey === survey &&
          JSON.stringify(d.segment) === JSON.stringify(segment) &&
          d.day >= from &&
          d.day <= to,
      )
      .map(({ day, histogram }) => ({ day, histogram: [...histogram] }));
  }

  put(survey: Survey, segment: Segment, day: Day, histogram: number[]): void {
    this.days.push({ survey, segment, day, histogram });
  }
}

/** A response store for tests that do not care about answers: there are none. */
export const noResponses: ResponseStore = {
  get: async () => null,
  save: async (response) => response,
};

/** Sends at once: pacing is not what these tests look at. */
export const noPacing = async (): Promise<void> => undefined;
