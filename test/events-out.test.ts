import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../infra/local/runtime.js';
import { parseChaos } from '../infra/local/stream-poller.js';
import { answeredInteraction, clientFor, interaction, surveyLinks } from './support/client.js';
import { seededRandom } from './support/random.js';

/**
 * Events out through the local runtime, calm and under chaos (redelivered and part-failed stream
 * batches): what a customer and a lead do to one answer and its case reaches the bus as one event per
 * change, read back from `GET /_local/outbox?kind=event`.
 */

interface PutEntry {
  EventBusName: string;
  Source: string;
  DetailType: string;
  Detail: string;
  Time: string;
}

/** A customer answers 3, then 2 with more words; a lead resolves the case, reopens it and resolves it again. */
const unhappyCustomerAndLead = async (runtime: LocalRuntime) => {
  const api = clientFor(runtime);
  const { interactionId, invitationId, link } = await answeredInteraction(runtime, {
    team: 'events',
    score: 3,
    comment: 'the wait was awful',
    customer: { name: 'Odile Ferrand', phone: '+14155550177' },
  });
  await api.answerAsPerson(new URL(link).pathname, {
    score: '2',
    comment: 'the wait was awful, still no refund',
  });
  await runtime.settled();
  const casePath = `/cases/${invitationId}`;
  const moves = [
    await api.post(`${casePath}/resolve`, {
      reason: 'called-back',
      note: 'Called Odile',
      recoverySurvey: false,
    }),
    await api.post(`${casePath}/reopen`, { note: 'she wrote again' }),
    await api.post(`${casePath}/resolve`, { reason: 'issue-fixed', recoverySurvey: false }),
  ];
  await runtime.settled();
  return { interactionId, statuses: moves.map((move) => move.status) };
};

/** An answer posted by a script (no page, an HTTP library's agent) is held as suspect, then released. */
const suspectThenReleased = async (runtime: LocalRuntime) => {
  const api = clientFor(runtime);
  const address = `held-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const event = interaction({
    team: 'events',
    customer: { id: `c-${address}`, email: address, name: 'Hal' },
  });
  await api.post('/interactions', event);
  await runtime.settled();
  const [email] = (await api.outbox('email')).filter((sent) =>
    sent.input.Destination.ToAddresses.includes(address),
  );
  const path = new URL(surveyLinks(email.input).get(8) as string).pathname;
  await api.call('POST', path, { form: { score: '8' }, token: null, userAgent: 'python-requests/2.32.3' });
  await runtime.settled();
  const whileHeld = await eventsOf(runtime, event.interactionId);
  await api.post(`/invitations/${event.interactionId}/release`, {});
  await runtime.settled();
  return { interactionId: event.interactionId as string, whileHeld };
};

/** The entries put on the bus about one interaction, in the order they were put. */
const eventsOf = async (runtime: LocalRuntime, interactionId: string) => {
  const listed = (await clientFor(runtime).outbox('event')) as { kind: string; input: PutEntry }[];
  return listed
    .map(({ input }) => ({ ...input, detail: JSON.parse(input.Detail) as Record<string, unknown> }))
    .filter(({ detail }) => detail.interactionId === interactionId);
};

describe('events out, through the local runtime', () => {
  let calm: LocalRuntime | undefined;
  let chaotic: LocalRuntime | undefined;

  beforeAll(async () => {
    [calm, chaotic] = await Promise.all([
      startLocalRuntime({ port: 0, apiToken: 'calm-token', pollIntervalMs: 10 }),
      startLocalRuntime({
        port: 0,
        apiToken: 'chaos-token',
        pollIntervalMs: 10,
        config: { events: { includeComment: true } },
        chaos: parseChaos('redeliver=0.5,fail=0.2', seededRandom(20261208)),
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([calm?.stop(), chaotic?.stop()]);
  });

  it.each([
    ['calm', () => calm],
    ['under chaos, with comments', () => chaotic],
  ])('puts one event per answer, change, opening and resolution (%s)', async (mode, runtimeOf) => {
    const runtime = runtimeOf() as LocalRuntime;
    const withComments = mode !== 'calm';

    const { interactionId, statuses } = await unhappyCustomerAndLead(runtime);
    const events = await eventsOf(runtime, interactionId);

    expect(statuses).toEqual([200, 200, 200]);
    expect(events.map((event) => event.DetailType).sort()).toEqual(
      [
        'CaseOpened',
        'CaseOpened',
        'CaseResolved',
        'CaseResolved',
        'SurveyAnswerChanged',
        'SurveyAnswered',
      ].sort(),
    );
    expect(new Set(events.map((event) => event.detail.eventId)).size).toBe(events.length);
    for (const event of events) {
      expect(event).toMatchObject({ EventBusName: 'pulse-local', Source: 'pulse' });
      expect(event.detail).toMatchObject({ interactionId, survey: 'nps', segments: { team: 'events' } });
      expect(event.detail.customerId).toEqual(expect.stringMatching(/^c-events-/));
      expect(event.Detail).not.toMatch(/@example\.com|Odile|Ferrand|\+14155550177|Called Odile/);
      expect(event.Detail.includes('still no refund') || event.Detail.includes('the wait was awful')).toBe(
        withComments,
      );
    }
    const byType = (type: string) => events.filter((event) => event.DetailType === type).map((e) => e.detail);
    expect(byType('SurveyAnswered')).toEqual([expect.objectContaining({ score: 3, category: 'detractor' })]);
    expect(byType('SurveyAnswerChanged')).toEqual([
      expect.objectContaining({
        score: 2,
        before: expect.objectContaining({ score: 3 }),
        commentChanged: true,
      }),
    ]);
    expect(byType('CaseOpened').map((opened) => opened.reopened)).toEqual([false, true]);
    expect(byType('CaseResolved').map((resolved) => resolved.reason)).toEqual(['called-back', 'issue-fixed']);
  });

  it.each([
    ['calm', () => calm],
    ['under chaos', () => chaotic],
  ])('tells a suspect answer only when it is released (%s)', async (_mode, runtimeOf) => {
    const runtime = runtimeOf() as LocalRuntime;

    const { interactionId, whileHeld } = await suspectThenReleased(runtime);
    const events = await eventsOf(runtime, interactionId);

    expect(whileHeld).toEqual([]);
    expect(events.map((event) => [event.DetailType, event.detail.score])).toEqual([['SurveyAnswered', 8]]);
  });

  it('lists only the events under kind=event, and refuses a kind it does not know', async () => {
    const api = clientFor(calm as LocalRuntime);

    const events = (await api.outbox('event')) as { kind: string }[];
    const unknown = await api.get('/_local/outbox?kind=events');

    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((entry) => entry.kind))).toEqual(new Set(['event']));
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toBe('kind: must be email, sms, alert or event');
  });
});
