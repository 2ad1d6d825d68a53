import { performance } from 'node:perf_hooks';
import { startLocalRuntime } from '../infra/local/runtime.js';

export interface InvitationFigures {
  interactions: number;
  acceptedPerSecond: number;
  perSecond: number;
  sesCallsPerRecipient: number;
  smsPerRecipient: number;
}

/**
 * Interactions accepted and invitations sent per second through the local runtime: POST
 * /interactions (8 at a time) until every invitation is in the outbox, each through the whole
 * contact policy (suppression, fatigue claim, quiet hours) and the send queue of its channel: a
 * fifth go by SMS, through send-sms-invitation, the rest by email, through send-email-invitation.
 */
export const measureInvitations = async (interactions = 400, concurrency = 8): Promise<InvitationFigures> => {
  const runtime = await startLocalRuntime({
    port: 0,
    config: { sendRates: { emailPerSecond: 1000, smsPerSecond: 1000 } },
  });
  try {
    const auth = { authorization: `Bearer ${runtime.apiToken}`, 'content-type': 'application/json' };
    const post = async (i: number) => {
      const sms = i % 5 === 0;
      const response = await fetch(`${runtime.url}/interactions`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          interactionId: `invite-${i}`,
          occurredAt: new Date(runtime.clock.now().getTime() - 60_000).toISOString(),
          survey: 'csat',
          customer: sms
            ? { id: `c-${i}`, phone: `+1415555${String(1000 + i).padStart(4, '0')}` }
            : { id: `c-${i}`, email: `invite-${i}@example.com`, locale: i % 2 ? 'zh-CN' : 'en' },
          touchpoint: 'support-ticket',
          channel: 'chat',
          team: `team-${i % 5}`,
        }),
      });
      if (response.status !== 202)
        throw new Error(`interaction ${i}: ${response.status} ${await response.text()}`);
    };
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < interactions) await post(next++);
      }),
    );
    const acceptedMs = performance.now() - started;
    await runtime.settled();
    const sentMs = performance.now() - started;
    const emails = runtime.outbox.list('email');
    const texts = runtime.outbox.list('sms');
    const recipients = new Set(
      emails.flatMap(
        (email) => (email.input as { Destination: { ToAddresses: string[] } }).Destination.ToAddresses,
      ),
    );
    const phones = new Set(texts.map((sms) => (sms.input as { PhoneNumber: string }).PhoneNumber));
    if (emails.length + texts.length !== interactions) {
      throw new Error(
        `expected ${interactions} invitations, got ${emails.length} emails and ${texts.length} SMS`,
      );
    }
    return {
      interactions,
      acceptedPerSecond: (interactions * 1000) / acceptedMs,
      perSecond: (interactions * 1000) / sentMs,
      sesCallsPerRecipient: emails.length / recipients.size,
      smsPerRecipient: texts.length / phones.size,
    };
  } finally {
    await runtime.stop();
  }
};
