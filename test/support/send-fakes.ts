import type { ContactPolicy } from '../../lib/contacts/contact-policy.js';
import { emailChannel } from '../../lib/invitations/email/send-email.js';
import type { Invitation } from '../../lib/invitations/invitation.js';
import { createLinks } from '../../lib/invitations/links.js';
import type {
  InvitationStore,
  Mailer,
  OutgoingEmail,
  OutgoingSms,
  SendQueue,
  SendRequest,
  SmsSender,
} from '../../lib/invitations/ports.js';
import type { SendInvitationDeps } from '../../lib/invitations/send-invitation.js';
import { smsChannel } from '../../lib/invitations/sms/send-sms.js';
import type { MessageSettings } from '../../lib/settings/messages.js';
import { freshStores } from './handlers.js';
import { noPacing, openPolicy } from './in-memory.js';
import { Recorder } from './recorder.js';
import { anInvitation, INVITATION_ID } from './samples.js';

export { INVITATION_ID };

/*
 * Fakes of the sending side (the providers and the per-channel send queues), and the two senders,
 * by email and by SMS, over one table, as the send-email-invitation and send-sms-invitation functions
 * run them.
 */

/** A mailer that records what it sends, and the status of one invitation at that moment. */
export class RecordingMailer implements Mailer {
  readonly sent: { email: OutgoingEmail; statusAtSend: string | undefined }[] = [];
  failWith: Error | undefined;

  constructor(
    private readonly invitations: InvitationStore,
    private readonly watched: string,
  ) {}

  async send(email: OutgoingEmail): Promise<string> {
    if (this.failWith) throw this.failWith;
    const statusAtSend = (await this.invitations.get(this.watched))?.status;
    this.sent.push({ email, statusAtSend });
    return `message-${this.sent.length}`;
  }
}

/** An SMS sender that records what it sends. */
export class RecordingSms extends Recorder<OutgoingSms> implements SmsSender {
  readonly sent = this.recorded;

  constructor() {
    super('sms');
  }

  send(sms: OutgoingSms): Promise<string> {
    return this.record(sms);
  }
}

/** Remembers what was queued for sending, on which channel's queue, and when it is due. */
export class RecordingSendQueues implements SendQueue {
  readonly enqueued: ({ invitationId: string; dueAt: string } & SendRequest)[] = [];

  async enqueue(invitationId: string, dueAt: Date, request: SendRequest): Promise<void> {
    this.enqueued.push({ invitationId, dueAt: dueAt.toISOString(), ...request });
  }
}

export const LINK_KEY = 'signing-key';
export const SEND_NOW = '2026-11-26T11:00:00.000Z';

/** Ana's CSAT invitation by email, due at SEND_NOW. */
export const dueInvitation = (overrides: Partial<Invitation> = {}): Invitation =>
  anInvitation({
    survey: 'csat',
    agent: 'agent-7',
    createdAt: '2026-11-26T10:04:30.000Z',
    dueAt: SEND_NOW,
    ...overrides,
  });

/**
 * The email sender (`email`) and the SMS sender (`sms`) over one fresh table, one contact ledger, one
 * clock and one set of send queues, with `stored` in the table. `messages` and the clock may be
 * changed by a test; both senders see the change.
 */
export const sendWorld = async (
  stored: Invitation | null = dueInvitation(),
  policy: ContactPolicy = openPolicy(),
) => {
  const { invitations, responses, contacts, conversations } = await freshStores();
  if (stored) await invitations.create(stored);
  const mailer = new RecordingMailer(invitations, stored?.invitationId ?? INVITATION_ID);
  const texts = new RecordingSms();
  const sendQueue = new RecordingSendQueues();
  const links = createLinks('https://pulse.example.com/', async () => LINK_KEY);
  const messages: MessageSettings = { defaultLocale: 'en' };
  let now = new Date(SEND_NOW);
  const clock = { now: () => now };
  const flow = { invitations, contacts, sendQueue, clock, policy };
  const email: SendInvitationDeps = {
    ...flow,
    channel: emailChannel({ mailer, links, messages, pace: noPacing }),
  };
  const sms: SendInvitationDeps = {
    ...flow,
    channel: smsChannel({ sms: texts, conversations, clock, messages, pace: noPacing }),
  };
  return {
    email,
    sms,
    invitations,
    responses,
    contacts,
    conversations,
    mailer,
    texts,
    sendQueue,
    links,
    messages,
    clock,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
    stored: async (id = INVITATION_ID) => invitations.get(id),
  };
};
