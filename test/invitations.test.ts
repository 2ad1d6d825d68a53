import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../infra/local/runtime.js';
import { type clientFor, interaction, startTestRuntime } from './support/client.js';

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;

/** 10:00 in New York, a Thursday: inside everyone's waking hours used below. */
const START = '2026-11-26T15:00:00.000Z';

beforeAll(async () => {
  ({ runtime, api } = await startTestRuntime({
    defaultCountry: 'US',
    contactPolicy: {
      delaySeconds: 3600,
      quietHours: { start: '21:00', end: '08:00' },
      timeZone: 'America/New_York',
      touchpoints: {
        'store-visit': { delaySeconds: 86_400 },
        // Fatigue would hide what these tests look for; it has its own tests in the core.
        repeat: { fatigueDays: 0 },
        reminded: { fatigueDays: 0, reminderAfterDays: 2 },
      },
    },
  }));
});

afterAll(async () => {
  await runtime?.stop();
});

const at = async (iso: string) => {
  await api.post('/_local/clock', { set: iso });
};
const advance = async (duration: string) => {
  await api.post('/_local/clock', { advance: duration });
  await runtime.settled();
};
/** Posts the interaction, then lets an hour pass: the default delay before its invitation is sent. */
const postThenAdvanceAnHour = async (event: unknown) => {
  const response = await api.post('/interactions', event);
  await advance('PT1H');
  return response;
};
const emailsTo = async (address: string) =>
  (await api.outbox('email')).filter((email) => email.input.Destination.ToAddresses.includes(address));
/** An interaction at START at the default touchpoint, by the customer with that id and email. */
const ticketBy = (id: string, email: string) => interaction({ occurredAt: START, customer: { id, email } });
/** An interaction at the touchpoint without fatigue, by the customer with that id and email. */
const repeatBy = (id: string, email: string, occurredAt: string) =>
  interaction({ occurredAt, touchpoint: 'repeat', customer: { id, email } });
const status = async (interactionId: string) => (await api.get(`/invitations/${interactionId}`)).json;

describe('invitations through the local runtime, driven by its clock', () => {
  it('treats a second delivery of an interaction as the same invitation and says so', async () => {
    await at(START);
    const event = repeatBy('c-d1', 'dup@example.com', START);

    const first = await api.post('/interactions', event);
    const second = await postThenAdvanceAnHour(event);

    expect(first.json).toMatchObject({ status: 'scheduled', duplicate: false });
    expect(second.status).toBe(202);
    expect(second.json).toMatchObject({
      invitationId: first.json.invitationId,
      status: 'scheduled',
      duplicate: true,
    });
    expect(await emailsTo('dup@example.com')).toHaveLength(1);
  });

  it('waits the delay after the interaction, and a touchpoint may wait longer', async () => {
    await at(START);
    const ticket = ticketBy('c-t1', 'ticket@example.com');
    const visit = interaction({
      occurredAt: START,
      touchpoint: 'store-visit',
      customer: { id: 'c-v1', email: 'visit@example.com' },
    });
    await api.post('/interactions', ticket);
    const accepted = await api.post('/interactions', visit);

    await advance('PT59M');
    const before = await emailsTo('ticket@example.com');
    await advance('PT1M');
    const after = await emailsTo('ticket@example.com');
    await advance('PT23H');

    expect(accepted.json.dueAt).toBe('2026-11-27T15:00:00.000Z');
    expect(before).toHaveLength(0);
    expect(after).toHaveLength(1);
    expect(await emailsTo('visit@example.com')).toHaveLength(1);
  });

  it("holds an invitation that would land in the customer's night until 08:00 their time", async () => {
    // 19:30 in Los Angeles; one hour later is 20:30, still allowed; two customers an hour apart.
    await at('2026-11-27T03:30:00.000Z');
    const late = interaction({
      occurredAt: '2026-11-27T03:30:00.000Z',
      customer: { id: 'c-q1', email: 'night@example.com', timeZone: 'Europe/Berlin' },
    });
    const early = interaction({
      occurredAt: '2026-11-27T03:30:00.000Z',
      customer: { id: 'c-q2', email: 'evening@example.com', timeZone: 'America/Los_Angeles' },
    });

    const held = await api.post('/interactions', late);
    const allowed = await postThenAdvanceAnHour(early);

    // 04:30 UTC is 05:30 in Berlin: quiet until 08:00 there, 07:00 UTC.
    expect(held.json.dueAt).toBe('2026-11-27T07:00:00.000Z');
    expect(allowed.json.dueAt).toBe('2026-11-27T04:30:00.000Z');
    expect(await emailsTo('evening@example.com')).toHaveLength(1);
    expect(await emailsTo('night@example.com')).toHaveLength(0);
    await advance('PT2H30M');
    expect(await emailsTo('night@example.com')).toHaveLength(1);
  });

  it('cancels an invitation whose interaction is reopened before the send, with the reason', async () => {
    await at(START);
    const byHttp = ticketBy('c-r1', 'reopened@example.com');
    const byBus = ticketBy('c-r2', 'reopened-bus@example.com');
    await api.post('/interactions', byHttp);
    await api.post('/interactions', byBus);

    const reopened = await api.post(`/interactions/${byHttp.interactionId}/reopen`, {});
    await api.post('/_local/events', {
      detailType: 'InteractionReopened',
      detail: { interactionId: byBus.interactionId },
    });
    await advance('PT2H');

    expect(reopened.status).toBe(200);
    expect(reopened.json).toMatchObject({
      status: 'cancelled',
      reason: expect.stringMatching(/^cancelled: the interaction was reopened/),
    });
    expect(await status(byBus.interactionId)).toMatchObject({ status: 'cancelled' });
    expect(await emailsTo('reopened@example.com')).toHaveLength(0);
    expect(await emailsTo('reopened-bus@example.com')).toHaveLength(0);
  });

  it('schedules a reopened interaction again when it is completed again later', async () => {
    await at(START);
    const event = ticketBy('c-r3', 'resolved-again@example.com');
    await api.post('/interactions', event);
    await api.post(`/interactions/${event.interactionId}/reopen`, { occurredAt: '2026-11-26T15:10:00Z' });

    await at('2026-11-26T15:30:00.000Z');
    const again = await api.post('/interactions', { ...event, occurredAt: '2026-11-26T15:30:00Z' });
    await advance('PT2H');

    expect(again.json).toMatchObject({
      status: 'scheduled',
      dueAt: '2026-11-26T16:30:00.000Z',
      duplicate: false,
    });
    expect(await emailsTo('resolved-again@example.com')).toHaveLength(1);
  });

  it('answers 404 for reopening an interaction it never received, and 400 naming a bad id', async () => {
    expect((await api.post('/interactions/never-seen/reopen', {})).status).toBe(404);
    const bad = await api.post('/interactions/zd-1/reopen', { occurredAt: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.json.fields).toEqual([{ field: 'occurredAt', message: expect.any(String) }]);
  });

  describe('one-click unsubscribe (RFC 8058)', () => {
    it('shows a confirmation on GET and unsubscribes nobody; the one-click POST unsubscribes at once', async () => {
      // Prepare
      await at(START);
      const address = 'leaving@example.com';
      const first = repeatBy('c-u1', address, START);
      await postThenAdvanceAnHour(first);
      const [email] = await emailsTo(address);
      const headers = new Map<string, string>(
        email.input.Content.Simple.Headers.map((h: { Name: string; Value: string }) => [h.Name, h.Value]),
      );
      const url = /^<(.+)>$/.exec(headers.get('List-Unsubscribe') ?? '')?.[1] ?? '';

      // Act
      const page = await api.get(new URL(url).pathname, null);
      const afterGet = repeatBy('c-u1', address, '2026-11-26T16:00:00Z');
      await postThenAdvanceAnHour(afterGet);
      const oneClick = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      const afterPost = repeatBy('c-u1', 'LEAVING@example.com', '2026-11-26T17:00:00Z');
      const skipped = await postThenAdvanceAnHour(afterPost);

      // Assess
      expect(headers.get('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
      expect(page.text).toContain('l••••••@example.com');
      expect(await status(afterGet.interactionId)).toMatchObject({ status: 'sent' });
      expect(oneClick.status).toBe(200);
      expect(await oneClick.text()).toContain('will get no more survey emails');
      expect(skipped.json).toMatchObject({
        status: 'skipped',
        reason: expect.stringMatching(/^suppressed: email leaving@example.com unsubscribed on /),
      });
      expect(await emailsTo(address)).toHaveLength(2);
    });

    it('accepts the one-click body as multipart/form-data too, and refuses a POST without it', async () => {
      await at(START);
      const event = repeatBy('c-u2', 'multi@example.com', START);
      await postThenAdvanceAnHour(event);
      const [email] = await emailsTo('multi@example.com');
      const url = /<(.+)>/.exec(
        email.input.Content.Simple.Headers.find((h: { Name: string }) => h.Name === 'List-Unsubscribe').Value,
      )?.[1] as string;
      const form = new FormData();
      form.set('List-Unsubscribe', 'One-Click');

      const empty = await fetch(url, { method: 'POST' });
      // A boundary in mixed case, as browsers and mail clients make them.
      const handMade = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW' },
        body: [
          '------WebKitFormBoundary7MA4YWxkTrZu0gW',
          'Content-Disposition: form-data; name="List-Unsubscribe"',
          '',
          'One-Click',
          '------WebKitFormBoundary7MA4YWxkTrZu0gW--',
          '',
        ].join('\r\n'),
      });
      const multipart = await fetch(url, { method: 'POST', body: form });
      const forged = await fetch(
        url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        { method: 'POST', body: form },
      );

      expect(empty.status).toBe(400);
      expect(handMade.status).toBe(200);
      expect(await empty.text()).toContain('List-Unsubscribe');
      expect(multipart.status).toBe(200);
      expect(forged.status).toBe(404);
    });
  });

  it('suppresses an address that bounced for good and marks its invitation failed', async () => {
    await at(START);
    const address = 'bounce@simulator.amazonses.com';
    const event = repeatBy('c-b1', address, START);
    await postThenAdvanceAnHour(event);

    const next = await api.post('/interactions', repeatBy('c-b2', address, START));

    expect(await status(event.interactionId)).toMatchObject({
      status: 'failed',
      reasonCode: 'bounced',
      reason: expect.stringMatching(/^bounced/),
    });
    expect(next.json).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/bounced permanently/),
    });
  });

  it('suppresses an address whose owner complained', async () => {
    await at(START);
    const address = 'complaint@simulator.amazonses.com';
    await api.post('/interactions', repeatBy('c-c1', address, START));
    await advance('PT1H');

    const next = await api.post('/interactions', repeatBy('c-c2', address, START));

    expect(next.json).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/marked a survey as spam/),
    });
  });

  it('sends one reminder after the configured days when the survey is unanswered', async () => {
    await at(START);
    const event = interaction({
      occurredAt: START,
      touchpoint: 'reminded',
      customer: { id: 'c-m1', email: 'remind@example.com' },
    });
    await postThenAdvanceAnHour(event);
    await advance('P2D');
    await advance('P5D');

    const subjects = (await emailsTo('remind@example.com')).map(
      (email) => email.input.Content.Simple.Subject.Data,
    );
    expect(subjects).toEqual(['One quick question', 'Reminder: One quick question']);
  });

  it('texts an SMS invitation to a national number read in the stage country', async () => {
    await at(START);
    const event = interaction({
      occurredAt: START,
      inviteVia: 'sms',
      touchpoint: 'repeat',
      customer: { id: 'c-s1', phone: '(415) 555-0134' },
    });

    const accepted = await postThenAdvanceAnHour(event);
    const texts = (await api.outbox('sms')).filter((sms) => sms.input.PhoneNumber === '+14155550134');

    expect(accepted.status).toBe(202);
    expect(texts).toHaveLength(1);
    expect(texts[0].input).toMatchObject({
      Message: expect.stringContaining('Reply 0-10'),
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });

  it('refuses a phone number that is not one, naming customer.phone', async () => {
    const refused = await api.post(
      '/interactions',
      interaction({ inviteVia: 'sms', customer: { id: 'c-s2', phone: '555-CALL-NOW' } }),
    );

    expect(refused.status).toBe(400);
    expect(refused.json.fields).toEqual([
      { field: 'customer.phone', message: expect.stringContaining('not a valid phone number') },
    ]);
  });

  it('reads an SMS reply to an SMS invitation: the score, then STOP suppresses the number', async () => {
    // Prepare
    await at(START);
    const phone = '+14155550177';
    const event = interaction({
      occurredAt: START,
      inviteVia: 'sms',
      touchpoint: 'repeat',
      survey: 'csat',
      customer: { id: 'c-s9', phone },
    });
    await postThenAdvanceAnHour(event);
    const invitationSms = (await api.outbox('sms')).find((sms) => sms.input.PhoneNumber === phone);

    // Act
    const answered = await api.post('/_local/sms', {
      originationNumber: phone,
      destinationNumber: '+18005550199',
      messageKeyword: 'KEYWORD_000000000000',
      messageBody: '2 - nobody called me back',
      inboundMessageId: 'in-e2e-1',
      previousPublishedMessageId: invitationSms.messageId,
    });
    await runtime.settled();
    await api.post('/_local/sms', {
      originationNumber: phone,
      destinationNumber: '+18005550199',
      messageBody: 'STOP',
      inboundMessageId: 'in-e2e-2',
    });
    await runtime.settled();
    const next = await api.post(
      '/interactions',
      interaction({
        occurredAt: START,
        inviteVia: 'sms',
        touchpoint: 'repeat',
        customer: { id: 'c-s9', phone },
      }),
    );

    // Assess
    expect(runtime.deadLetters).toEqual([]);
    expect(answered.json.readBy).toEqual(['record-sms-reply']);
    expect(await status(event.interactionId)).toMatchObject({
      status: 'answered',
      response: { score: 2, comment: 'nobody called me back', suspect: false },
    });
    const alerts = (await api.outbox('alert')).filter((alert) =>
      alert.input.Message.includes(event.interactionId),
    );
    expect(alerts).toHaveLength(1);
    const replies = (await api.outbox('sms')).filter((sms) => sms.input.PhoneNumber === phone).slice(1);
    expect(
      replies.map((sms) => sms.input.MessageAttributes['AWS.MM.SMS.OriginationNumber'].StringValue),
    ).toEqual(['+18005550199', '+18005550199']);
    expect(replies[1].input.Message).toContain('no more surveys');
    expect(next.json).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/opted out by SMS/) });
  });
});
