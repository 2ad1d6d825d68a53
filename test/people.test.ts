import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../infra/local/runtime.js';
import {
  type clientFor,
  formSignalsOf,
  interaction,
  startTestRuntime,
  surveyLinks,
} from './support/client.js';
import { everyItemOf } from './support/dynamodb.js';

/**
 * The people in the data, through the local runtime: a person invited by email and by SMS, who
 * answered both with comments, got a case with a lead's note, unsubscribed and texted STOP, is erased;
 * then no item of DynamoDB Local holds their email, phone, name, customer id or words, the scores are
 * as before, and a new interaction for them is skipped as suppressed.
 */

const ANA = {
  id: 'cust-erase-7731',
  email: 'ana.erase-7731@example.com',
  phone: '+14155550188',
  name: 'Anneliese Zweigelt',
};
/** Words only Ana wrote (and a lead wrote about her): none may survive the erasure. */
const ANA_WORDS = ['Quillfeather', 'Marrowbrook'] as const;
const START = '2026-11-20T12:00:00.000Z';

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;

beforeAll(async () => {
  ({ runtime, api } = await startTestRuntime({
    defaultCountry: 'US',
    // A second survey of the same person within days: fatigue would skip it.
    contactPolicy: { touchpoints: { repeat: { fatigueDays: 0 } } },
  }));
  await api.post('/_local/clock', { set: START });
});
afterAll(async () => {
  await runtime?.stop();
});

const ok = async <T extends { status: number; text: string }>(call: Promise<T>, status = 200): Promise<T> => {
  const response = await call;
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
  return response;
};

/** Every item of the table, as text, for searching. */
const everyItem = async (): Promise<string[]> =>
  (await everyItemOf(runtime)).map((item) => JSON.stringify(item));

/** The items that hold any of Ana's identifiers or words. */
const itemsAboutAna = async () => {
  const needles = [ANA.email, ANA.phone, ANA.phone.slice(2), ANA.name, 'Anneliese', ANA.id, ...ANA_WORDS];
  return (await everyItem()).filter((item) => needles.some((needle) => item.includes(needle)));
};

const emailTo = async (address: string) => {
  const email = (await api.outbox('email')).findLast((e) =>
    e.input.Destination.ToAddresses.includes(address),
  );
  if (!email) throw new Error(`no email to ${address}`);
  return email.input;
};

const answerByEmail = async (address: string, score: number, comment: string) => {
  const path = new URL(surveyLinks(await emailTo(address)).get(score) as string).pathname;
  const page = await api.get(path, null);
  await api.post('/_local/clock', { advance: 'PT5S' });
  return api.call('POST', path, {
    token: null,
    form: { ...formSignalsOf(page.text), score: String(score), comment },
  });
};

/** Emails to Ana's address and texts to her number, so far. */
const messagesToAna = async () =>
  (await api.outbox('email')).filter((e) => e.input.Destination.ToAddresses.includes(ANA.email)).length +
  (await api.outbox('sms')).filter((sms) => sms.input.PhoneNumber === ANA.phone).length;

const metrics = async () =>
  Promise.all(
    ['nps', 'csat'].map(async (survey) => (await ok(api.get(`/metrics?survey=${survey}&window=30d`))).json),
  );

/** Ana's story: two invitations, two answers with comments, a case with a note, an unsubscribe, a STOP. */
const anaStory = async () => {
  const byEmail = interaction({
    interactionId: 'erase-ana-email',
    occurredAt: START,
    survey: 'nps',
    team: 'billing',
    customer: { id: ANA.id, email: ANA.email, name: ANA.name },
    attributes: { ticketSubject: `Refund for ${ANA.name}` },
  });
  await ok(api.post('/interactions', byEmail), 202);
  await runtime.settled();
  await ok(answerByEmail(ANA.email, 2, `${ANA_WORDS[0]} was never refunded, call ${ANA.phone}`));
  await runtime.settled();

  const bySms = interaction({
    interactionId: 'erase-ana-sms',
    occurredAt: START,
    survey: 'csat',
    team: 'returns',
    inviteVia: 'sms',
    touchpoint: 'repeat',
    customer: { id: ANA.id, phone: ANA.phone, name: ANA.name },
  });
  await ok(api.post('/interactions', bySms), 202);
  await runtime.settled();
  const sms = (await api.outbox('sms')).findLast((sent) => sent.input.PhoneNumber === ANA.phone);
  await ok(
    api.post('/_local/sms', {
      originationNumber: ANA.phone,
      destinationNumber: '+18005550199',
      messageBody: `4 ${ANA_WORDS[1]} box arrived`,
      inboundMessageId: 'erase-in-1',
      previousPublishedMessageId: sms.messageId,
    }),
    202,
  );
  await runtime.settled();
  await ok(
    api.post('/_local/sms', {
      originationNumber: ANA.phone,
      destinationNumber: '+18005550199',
      messageBody: 'STOP',
      inboundMessageId: 'erase-in-2',
    }),
    202,
  );
  const header = (await emailTo(ANA.email)).Content.Simple.Headers.find(
    (h: { Name: string }) => h.Name === 'List-Unsubscribe',
  ).Value as string;
  const unsubscribe = new URL(/^<(.+)>$/.exec(header)?.[1] as string);
  await ok(api.postForm(unsubscribe.pathname, { 'List-Unsubscribe': 'One-Click' }));
  await runtime.settled();

  const invitation = (await ok(api.get('/invitations/erase-ana-email'))).json;
  await ok(
    api.post(`/cases/${invitation.invitationId}/notes`, { note: `Rang ${ANA.name} about ${ANA_WORDS[0]}` }),
  );
  await runtime.settled();
  return { emailInvitation: invitation.invitationId as string };
};

describe('erasing a person', () => {
  let before: unknown[];
  let exported: any;
  let receipt: any;
  let story: { emailInvitation: string };
  let alertsBefore: number;
  /** What had gone to Ana's address and number when she was erased. */
  let messagesBefore: number;
  /** The first invitation email Ana received, with its survey links. */
  let firstEmail: any;

  beforeAll(async () => {
    // Another customer, whose answer must stay whole.
    await ok(
      api.post(
        '/interactions',
        interaction({
          interactionId: 'erase-bob',
          occurredAt: START,
          customer: { id: 'bob-1', email: 'bob@example.com', name: 'Bob' },
        }),
      ),
      202,
    );
    await runtime.settled();
    await ok(answerByEmail('bob@example.com', 9, 'Bob liked it'));
    story = await anaStory();
    firstEmail = (await api.outbox('email')).find((e) =>
      e.input.Destination.ToAddresses.includes(ANA.email),
    )?.input;
    exported = (await ok(api.get(`/people/export?email=${encodeURIComponent(ANA.email.toUpperCase())}`)))
      .json;
    before = await metrics();
    alertsBefore = (await api.outbox('alert')).length;
    messagesBefore = await messagesToAna();
    receipt = (
      await ok(api.post('/people/erase', { customerId: ANA.id, email: ANA.email, phone: ANA.phone }))
    ).json;
    await runtime.settled();
  }, 120_000);

  it('exports everything held about the person before, found by any one identifier', () => {
    expect(exported.invitations.map((i: any) => i.interactionId).sort()).toEqual([
      'erase-ana-email',
      'erase-ana-sms',
    ]);
    expect(exported.responses).toHaveLength(2);
    expect(exported.responses.map((r: any) => r.comment).join(' ')).toContain(ANA_WORDS[1]);
    expect(exported.cases).toHaveLength(1);
    expect(exported.suppressions.map((s: any) => s.reason).sort()).toEqual(['sms-opt-out', 'unsubscribed']);
  });

  it('answers a receipt with counts and no identifier', () => {
    expect(receipt.erased).toMatchObject({ invitations: 2, responses: 2, cases: 1, suppressions: 2 });
    expect(receipt.erased.listings).toBeGreaterThan(0);
    expect(receipt.erased.contacts).toBeGreaterThan(0);
    expect(JSON.stringify(receipt)).not.toMatch(/7731|4155550188|Zweigelt/);
  });

  it('leaves no item of the table holding their email, phone, name, customer id or words', async () => {
    expect(await itemsAboutAna()).toEqual([]);
    expect(runtime.deadLetters).toEqual([]);
  });

  it('leaves the scores as they were, and alerts no one', async () => {
    expect(await metrics()).toEqual(before);
    expect((await api.outbox('alert')).length).toBe(alertsBefore);
  });

  it('keeps the other customer whole', async () => {
    const bob = (await ok(api.get('/invitations/erase-bob'))).json;
    expect(bob.response).toMatchObject({ score: 9, comment: 'Bob liked it' });
  });

  it('shows the erased invitation and case without the person', async () => {
    const invitation = (await ok(api.get('/invitations/erase-ana-email'))).json;
    expect(invitation.response).toMatchObject({ score: 2, comment: '' });
    const kept = (await ok(api.get(`/cases/${story.emailInvitation}`))).json;
    expect(kept).toMatchObject({ score: 2, comment: '', customerId: '' });
    expect(JSON.stringify(kept)).not.toContain(ANA_WORDS[0]);
  });

  it('repeats harmlessly: an empty receipt, nothing moved', async () => {
    const again = (await ok(api.post('/people/erase', { email: ANA.email }))).json;
    expect(again.erased).toEqual({
      invitations: 0,
      responses: 0,
      cases: 0,
      listings: 0,
      suppressions: 0,
      contacts: 0,
      followUps: 0,
    });
    const nothing = (await ok(api.get(`/people/export?customerId=${ANA.id}`))).json;
    expect(nothing).toEqual({ invitations: [], responses: [], cases: [], suppressions: [] });
  });

  it('skips a new interaction for them as suppressed when it is due, by email and by SMS', async () => {
    await ok(
      api.post(
        '/interactions',
        interaction({
          interactionId: 'erase-ana-again',
          occurredAt: START,
          customer: { id: 'new-id', email: ANA.email },
        }),
      ),
      202,
    );
    await ok(
      api.post(
        '/interactions',
        interaction({
          interactionId: 'erase-ana-again-sms',
          occurredAt: START,
          inviteVia: 'sms',
          touchpoint: 'repeat',
          customer: { id: 'new-id-2', phone: ANA.phone },
        }),
      ),
      202,
    );
    await runtime.settled();
    for (const interactionId of ['erase-ana-again', 'erase-ana-again-sms']) {
      const report = (await ok(api.get(`/invitations/${interactionId}`))).json;
      expect(report).toMatchObject({ status: 'skipped', reasonCode: 'suppressed' });
      expect(report.reason).toContain('(erased on request)');
      expect(report.reason).not.toContain(ANA.email);
    }
    expect(await messagesToAna()).toBe(messagesBefore);
  });

  it('notes no one again when an erased interaction is sent again', async () => {
    const replay = await api.post(
      '/interactions',
      interaction({
        interactionId: 'erase-ana-email',
        occurredAt: START,
        survey: 'nps',
        team: 'billing',
        customer: { id: ANA.id, email: ANA.email, name: ANA.name },
      }),
    );
    await runtime.settled();
    expect(replay.json).toMatchObject({ duplicate: true });
    // Her later interactions (above) are new data; none of the erased one's comes back.
    expect((await itemsAboutAna()).filter((item) => item.includes(story.emailInvitation))).toEqual([]);
  });

  it('refuses an answer that arrives afterwards for an erased invitation, and keeps nothing of it', async () => {
    const path = new URL(surveyLinks(firstEmail).get(7) as string).pathname;
    const page = await api.get(path, null);
    const late = await api.call('POST', path, {
      token: null,
      form: { ...formSignalsOf(page.text), score: '7', comment: `${ANA_WORDS[0]} again` },
    });
    await runtime.settled();
    expect(late.status).toBe(410);
    expect((await itemsAboutAna()).filter((item) => item.includes(ANA_WORDS[0]))).toEqual([]);
  });

  it('records each export and erasure for the audit, with hashed identifiers only', async () => {
    const audits = (await everyItem())
      .map((item) => JSON.parse(item))
      .filter((item) => item.type === 'people-audit');
    expect(audits.map((audit) => audit.kind).sort()).toEqual(['erasure', 'erasure', 'export', 'export']);
    expect(audits.every((audit) => audit.by === 'integrator:local' && audit.identifiers.length > 0)).toBe(
      true,
    );
  });
});

describe('asking badly', () => {
  it.each([
    [{}, 'customerId'],
    [{ email: 'not-an-address' }, 'email'],
    [{ phone: '12' }, 'phone'],
    [{ customerId: 'x', nickname: 'y' }, 'nickname'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const response = await api.post('/people/erase', body);
    expect(response.status).toBe(400);
    expect(response.json.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('refuses an export that names no one', async () => {
    const response = await api.get('/people/export');
    expect(response.status).toBe(400);
  });

  it('answers an empty receipt for someone never seen', async () => {
    const response = await ok(api.post('/people/erase', { email: 'nobody-ever@example.com' }));
    expect(Object.values(response.json.erased).every((n) => n === 0)).toBe(true);
  });
});

describe('a household sharing a phone', () => {
  const PHONE = '+14155550177';
  const CLEO = { id: 'cleo-5512', email: 'cleo.5512@example.com', phone: PHONE, name: 'Cleo Vantongeren' };
  const DAN = { id: 'dan-5512', email: 'dan.5512@example.com', phone: PHONE, name: 'Dan Vantongeren' };

  beforeAll(async () => {
    for (const [n, customer] of [CLEO, DAN].entries()) {
      await ok(
        api.post(
          '/interactions',
          interaction({
            interactionId: `household-${n}`,
            occurredAt: START,
            // The same number twice within days: fatigue would skip the second.
            touchpoint: 'repeat',
            customer,
          }),
        ),
        202,
      );
    }
    await runtime.settled();
    for (const n of [0, 1]) {
      const report = (await ok(api.get(`/invitations/household-${n}`))).json;
      expect(report, JSON.stringify(report)).toMatchObject({ status: 'sent' });
    }
    await ok(answerByEmail(CLEO.email, 3, 'Cleo: the Brindlewick order was late'));
    await ok(answerByEmail(DAN.email, 10, 'Dan: the Osterhaze team was great'));
    await runtime.settled();
  }, 60_000);

  it('refuses to export or erase by the shared phone alone, and says to name the customer', async () => {
    for (const response of [
      await api.get(`/people/export?phone=${encodeURIComponent(PHONE)}`),
      await api.post('/people/erase', { phone: PHONE }),
    ]) {
      expect(response.status).toBe(409);
      expect(response.json.error).toContain('customerId');
      expect(response.text).not.toContain('Vantongeren');
    }
    expect((await ok(api.get(`/invitations/household-1`))).json.response.comment).toContain('Osterhaze');
  });

  it('erases one customer of the household and leaves the other whole, and findable by the phone', async () => {
    const receipt = (await ok(api.post('/people/erase', { customerId: CLEO.id, phone: PHONE }))).json;
    expect(receipt.erased).toMatchObject({ invitations: 1, responses: 1 });
    await runtime.settled();
    const items = await everyItem();
    expect(items.filter((item) => /cleo|Brindlewick/i.test(item))).toEqual([]);
    // The shared phone's own items are Dan's too, and stay.
    const phoneItems = items
      .map((item) => JSON.parse(item))
      .filter((item) => item.pk === `CONTACT#phone:${PHONE}`);
    expect(phoneItems.map((item) => item.sk).sort()).toEqual(
      expect.arrayContaining(['LAST_SENT', expect.stringMatching(/^INV#/)]),
    );
    expect((await ok(api.get(`/invitations/household-1`))).json.response).toMatchObject({
      score: 10,
      comment: 'Dan: the Osterhaze team was great',
    });
    const dan = (await ok(api.get(`/people/export?phone=${encodeURIComponent(PHONE)}`))).json;
    expect(dan.invitations.map((i: any) => i.interactionId)).toEqual(['household-1']);
    expect(dan.responses.map((r: any) => r.comment)).toEqual(['Dan: the Osterhaze team was great']);
  });

  it("honours the unsubscribe link of an erased person's old email, keeping the address only as its hash", async () => {
    const header = (await emailTo(CLEO.email)).Content.Simple.Headers.find(
      (h: { Name: string }) => h.Name === 'List-Unsubscribe',
    ).Value as string;
    const unsubscribe = new URL(/^<(.+)>$/.exec(header)?.[1] as string);
    const page = await ok(api.get(`${unsubscribe.pathname}${unsubscribe.search}`, null));
    expect(page.text).toContain('Stop survey emails to this address?');
    await ok(
      api.postForm(`${unsubscribe.pathname}${unsubscribe.search}`, { 'List-Unsubscribe': 'One-Click' }),
    );
    await runtime.settled();
    expect((await everyItem()).filter((item) => /cleo/i.test(item))).toEqual([]);

    await ok(
      api.post(
        '/interactions',
        interaction({
          interactionId: 'household-2',
          occurredAt: START,
          customer: { id: 'cleo-new', email: CLEO.email },
        }),
      ),
      202,
    );
    await runtime.settled();
    expect((await ok(api.get('/invitations/household-2'))).json).toMatchObject({
      status: 'skipped',
      reasonCode: 'suppressed',
    });
  });
});
