import type { ContactLedger, InvitationStore } from '../../lib/core/ports.js';
import { type ContactPolicy, ContactPolicySchema } from '../../lib/domain/contact-policy.js';
import type { Invitation, InvitationFields, StoredInvitationStatus } from '../../lib/domain/invitation.js';

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
