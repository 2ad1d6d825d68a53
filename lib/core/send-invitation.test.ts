import { describe, expect, it } from 'vitest';
import { InMemoryInvitationStore } from '../../test/support/in-memory.js';
import { PermanentDeliveryError } from '../domain/errors.js';
import type { Invitation, StoredInvitationStatus } from '../domain/invitation.js';
import { invitationIdOf, verifyToken } from '../domain/token.js';
import { createLinks } from './links.js';
import type { Mailer, OutgoingEmail, SendQueue } from './ports.js';
import {
  SEND_LEASE_MS,
  SendInProgressError,
  type SendInvitationDeps,
  sendInvitation,
} from './send-invitation.js';

/** A mailer that records what it sends, and the invitation's status at that moment. */
class RecordingMailer implements Mailer {
  readonly sent: { email: OutgoingEmail; statusAtSend: string | undefined }[] = [];
  failWith: Error | undefined;

  constructor(private readonly invitations: InMemoryInvitationStore) {}

  async send(email: OutgoingEmail): Promise<string> {
    await Promise.resolve();
    if (this.failWith) throw this.failWith;
    this.sent.push({ email, statusAtSend: [...this.invitations.items.values()][0]?.status });
    return `message-${this.sent.length}`;
  }
}

class RecordingSendQueue implements SendQueue {
  readonly enqueued: { invitationId: string; dueAt: string }[] = [];

  async enqueue(invitationId: string, dueAt: Date): Promise<void> {
    this.enqueued.push({ invitationId, dueAt: dueAt.toISOString() });
  }
}

const KEY = 'signing-key';
const NOW = '2026-11-26T11:00:00.000Z';
const INVITATION_ID = invitationIdOf('zd-48213');

const invitation = (overrides: Partial<Invitation> = {}): Invitation => ({
  invitationId: INVITATION_ID,
  interactionId: 'zd-48213',
  survey: 'csat',
  via: 'email',
  customer: { id: 'c-981', email: 'ana@example.com', name: 'Ana' },
  touchpoint: 'support-ticket',
  channel: 'phone',
  team: 'billing',
  agent: 'agent-7',
  occurredAt: '2026-11-26T10:04:00.000Z',
  createdAt: '2026-11-26T10:04:30.000Z',
  dueAt: '2026-11-26T11:00:00.000Z',
  status: 'scheduled',
  ...overrides,
});

const setUp = async (stored: Invitation | null = invitation()) => {
  const invitations = new InMemoryInvitationStore();
  if (stored) await invitations.create(stored);
  const mailer = new RecordingMailer(invitations);
  const sendQueue = new RecordingSendQueue();
  const deps: SendInvitationDeps = {
    invitations,
    mailer,
    sendQueue,
    links: createLinks('https://pulse.example.com/', async () => KEY),
    clock: { now: () => new Date(NOW) },
  };
  return { deps, invitations, mailer, sendQueue };
};

describe('sendInvitation', () => {
  it('sends a due invitation once and marks it sent with the message id', async () => {
    // Prepare
    const { deps, invitations, mailer } = await setUp();

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.email.to).toBe('ana@example.com');
    expect(invitations.items.get(INVITATION_ID)).toMatchObject({
      status: 'sent',
      sentAt: NOW,
      messageId: 'message-1',
    });
  });

  it('claims the invitation before it sends', async () => {
    // Prepare
    const { deps, mailer } = await setUp();

    // Act
    await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(mailer.sent[0]?.statusAtSend).toBe('sending');
  });

  it('puts one signed link per score of the scale in the email', async () => {
    // Prepare
    const { deps, mailer } = await setUp();

    // Act
    await sendInvitation(INVITATION_ID, deps);

    // Assess
    const text = mailer.sent[0]?.email.text ?? '';
    const links = [...text.matchAll(/https:\/\/pulse\.example\.com\/s\/([\w-]+)\?score=(\d+)/g)];
    expect(links.map((link) => Number(link[2]))).toEqual([1, 2, 3, 4, 5]);
    expect(links.every((link) => verifyToken(link[1] ?? '', 'survey', KEY) === INVITATION_ID)).toBe(true);
  });

  it('sends nothing the second time for the same invitation', async () => {
    // Prepare
    const { deps, mailer } = await setUp();
    await sendInvitation(INVITATION_ID, deps);

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('already-handled');
    expect(mailer.sent).toHaveLength(1);
  });

  it('sends one email when the same message is handled twice at once', async () => {
    // Prepare
    const { deps, mailer } = await setUp();

    // Act
    const outcomes = await Promise.all([
      sendInvitation(INVITATION_ID, deps),
      sendInvitation(INVITATION_ID, deps),
    ]);

    // Assess
    expect(outcomes.sort()).toEqual(['already-handled', 'sent']);
    expect(mailer.sent).toHaveLength(1);
  });

  it('puts an early invitation back on the queue for its due time and sends nothing', async () => {
    // Prepare
    const { deps, invitations, mailer, sendQueue } = await setUp(
      invitation({ dueAt: '2026-11-26T11:00:00.001Z' }),
    );

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('not-due');
    expect(sendQueue.enqueued).toEqual([{ invitationId: INVITATION_ID, dueAt: '2026-11-26T11:00:00.001Z' }]);
    expect(mailer.sent).toEqual([]);
    expect(invitations.items.get(INVITATION_ID)?.status).toBe('scheduled');
  });

  it('marks the invitation failed with the reason on a permanent rejection', async () => {
    // Prepare
    const { deps, invitations, mailer } = await setUp();
    mailer.failWith = new PermanentDeliveryError('MessageRejected: address is on the suppression list');

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('failed');
    expect(invitations.items.get(INVITATION_ID)).toMatchObject({
      status: 'failed',
      reason: 'MessageRejected: address is on the suppression list',
    });
  });

  it('puts the invitation back to scheduled and rethrows a transient error', async () => {
    // Prepare
    const { deps, invitations, mailer } = await setUp();
    const throttled = new Error('Throttling: maximum sending rate exceeded');
    mailer.failWith = throttled;

    // Act
    const result = sendInvitation(INVITATION_ID, deps);

    // Assess
    await expect(result).rejects.toBe(throttled);
    expect(invitations.items.get(INVITATION_ID)?.status).toBe('scheduled');
  });

  it('sends after a transient error once the mailer recovers', async () => {
    // Prepare
    const { deps, mailer } = await setUp();
    mailer.failWith = new Error('Throttling');
    await sendInvitation(INVITATION_ID, deps).catch(() => undefined);
    mailer.failWith = undefined;

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('skips an sms invitation with a reason and sends nothing', async () => {
    // Prepare
    const { deps, invitations, mailer } = await setUp(
      invitation({ via: 'sms', customer: { id: 'c-981', phone: '+14155550100' } }),
    );

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('skipped');
    expect(mailer.sent).toEqual([]);
    expect(invitations.items.get(INVITATION_ID)?.reason).toBeTruthy();
  });

  it('asks for a later retry while another delivery holds a fresh claim', async () => {
    const claimedAt = new Date(new Date(NOW).getTime() - 30_000).toISOString();
    const { deps, mailer } = await setUp(invitation({ status: 'sending', claimedAt }));

    await expect(sendInvitation(INVITATION_ID, deps)).rejects.toBeInstanceOf(SendInProgressError);
    expect(mailer.sent).toEqual([]);
  });

  it('takes over a claim older than the send lease, left by a sender that died, and sends once', async () => {
    const claimedAt = new Date(new Date(NOW).getTime() - SEND_LEASE_MS - 1000).toISOString();
    const { deps, mailer, invitations } = await setUp(invitation({ status: 'sending', claimedAt }));

    const outcome = await sendInvitation(INVITATION_ID, deps);

    expect(outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect(invitations.items.get(INVITATION_ID)?.status).toBe('sent');
  });

  it.each<StoredInvitationStatus>(['sent', 'skipped', 'failed', 'cancelled'])(
    'leaves a %s invitation alone',
    async (status) => {
      // Prepare
      const { deps, invitations, mailer, sendQueue } = await setUp(invitation({ status }));

      // Act
      const outcome = await sendInvitation(INVITATION_ID, deps);

      // Assess
      expect(outcome).toBe('already-handled');
      expect(mailer.sent).toEqual([]);
      expect(sendQueue.enqueued).toEqual([]);
      expect(invitations.items.get(INVITATION_ID)?.status).toBe(status);
    },
  );

  it('answers unknown for an invitation that does not exist', async () => {
    // Prepare
    const { deps, mailer } = await setUp(null);

    // Act
    const outcome = await sendInvitation(INVITATION_ID, deps);

    // Assess
    expect(outcome).toBe('unknown');
    expect(mailer.sent).toEqual([]);
  });
});
