import type { InvitationStore } from '../../lib/core/ports.js';
import type { Invitation, StoredInvitationStatus } from '../../lib/domain/invitation.js';

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
    fields: Partial<Pick<Invitation, 'reason' | 'sentAt' | 'messageId' | 'claimedAt'>> = {},
  ): Promise<boolean> {
    const invitation = this.items.get(invitationId);
    if (invitation?.status !== from) return false;
    this.items.set(invitationId, { ...invitation, ...fields, status: to });
    this.changes += 1;
    return true;
  }
}
