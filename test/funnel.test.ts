import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../infra/local/runtime.js';
import { parseChaos } from '../infra/local/stream-poller.js';
import type { Survey } from '../lib/surveys/scales.js';
import { clientFor, formSignalsOf, interaction, surveyLinks } from './support/client.js';
import { seededRandom } from './support/random.js';

/**
 * The invitation funnel through the local runtime, calm and under chaos: a mix of invitations sent,
 * bounced, reminded, answered, and skipped for fatigue and for an unsubscribe, each counted on the
 * day it happened, equal to a count of the script.
 */

const DAY_A = '2026-11-20T12:00:00.000Z';
const DAY_B = '2026-11-21T12:00:00.000Z';
/** Two days after the sends: the reminders of the unanswered ones go out when the clock gets here. */
const DAY_C = '2026-11-23T12:00:00.000Z';
/** A 7-day window from here holds day C only; a 30-day one, everything. */
const END = '2026-11-28T12:00:00.000Z';

const CUSTOMERS = Array.from({ length: 24 }, (_, i) => i + 1);
const surveyOf = (customer: number): Survey => (customer % 2 === 1 ? 'nps' : 'csat');
const teamOf = (customer: number) => (customer % 4 < 2 ? 'billing' : 'returns');
/** Customers 21 to 24 have addresses that bounce for good (SES's mailbox simulator). */
const emailOf = (customer: number) =>
  customer > 20 ? `bounce+${customer}@simulator.amazonses.com` : `customer-${customer}@example.com`;

const ANSWERED_ON_A = [1, 2, 3, 4, 5, 6, 7, 8];
const ANSWERED_ON_B = [9, 10, 11, 12];
const UNSUBSCRIBED_ON_B = [13, 14];
const ANSWERED_ON_C = [15, 16];
/** Asked again on day C: surveyed 3 days before (fatigue), or unsubscribed. */
const FATIGUED_ON_C = [1, 2, 3, 4];

type Stage =
  | 'received'
  | 'sent'
  | 'reminded'
  | 'answered'
  | 'skipped:fatigue'
  | 'skipped:suppressed'
  | 'failed:bounced';

/** What the script makes happen, by customer and day: the count a funnel must equal. */
const EVENTS: { customer: number; day: string; stage: Stage }[] = [
  ...CUSTOMERS.flatMap((customer) => [
    { customer, day: DAY_A, stage: 'received' as const },
    { customer, day: DAY_A, stage: 'sent' as const },
  ]),
  ...CUSTOMERS.filter((c) => c > 20).map((customer) => ({
    customer,
    day: DAY_A,
    stage: 'failed:bounced' as const,
  })),
  ...ANSWERED_ON_A.map((customer) => ({ customer, day: DAY_A, stage: 'answered' as const })),
  ...ANSWERED_ON_B.map((customer) => ({ customer, day: DAY_B, stage: 'answered' as const })),
  // Unanswered at day C, not bounced and not unsubscribed: 15 to 20.
  ...[15, 16, 17, 18, 19, 20].map((customer) => ({ customer, day: DAY_C, stage: 'reminded' as const })),
  ...ANSWERED_ON_C.map((customer) => ({ customer, day: DAY_C, stage: 'answered' as const })),
  ...[...FATIGUED_ON_C, ...UNSUBSCRIBED_ON_B].map((customer) => ({
    customer,
    day: DAY_C,
    stage: 'received' as const,
  })),
  ...FATIGUED_ON_C.map((customer) => ({ customer, day: DAY_C, stage: 'skipped:fatigue' as const })),
  ...UNSUBSCRIBED_ON_B.map((customer) => ({ customer, day: DAY_C, stage: 'skipped:suppressed' as const })),
];

const expectedFunnel = (survey: Survey, team: string | null, from: string) => {
  const count = (stage: Stage) =>
    EVENTS.filter(
      (event) =>
        event.stage === stage &&
        surveyOf(event.customer) === survey &&
        (team === null || teamOf(event.customer) === team) &&
        event.day.slice(0, 10) >= from,
    ).length;
  const nonZero = (entries: [string, number][]) => Object.fromEntries(entries.filter(([, n]) => n > 0));
  const sent = count('sent');
  const answered = count('answered');
  return {
    received: count('received'),
    sent,
    reminded: count('reminded'),
    cancelled: 0,
    skipped: nonZero([
      ['fatigue', count('skipped:fatigue')],
      ['suppressed', count('skipped:suppressed')],
    ]),
    failed: nonZero([['bounced', count('failed:bounced')]]),
    answered,
    responseRate: sent === 0 ? null : Number(((answered * 100) / sent).toFixed(1)),
  };
};

const drive = async (runtime: LocalRuntime) => {
  const api = clientFor(runtime);
  const ok = async (response: Promise<{ status: number; text: string }>, expected: number, what: string) => {
    const { status, text } = await response;
    if (status !== expected) throw new Error(`${what}: ${status} ${text}`);
  };
  const send = async (customer: number, interactionId: string) =>
    ok(
      api.post(
        '/interactions',
        interaction({
          interactionId,
          occurredAt: new Date(runtime.clock.now().getTime() - 60_000).toISOString(),
          survey: surveyOf(customer),
          customer: { id: `c-${customer}`, email: emailOf(customer), name: 'Sam' },
          team: teamOf(customer),
          agent: 'agent-1',
          channel: 'email',
          touchpoint: 'support-ticket',
        }),
      ),
      202,
      `interaction of ${customer}`,
    );
  const emailTo = async (customer: number) => {
    const email = (await api.outbox('email')).find((e) =>
      e.input.Destination.ToAddresses.includes(emailOf(customer)),
    );
    if (!email) throw new Error(`no email to customer ${customer}`);
    return email.input;
  };
  const answer = async (customer: number) => {
    const path = new URL(
      surveyLinks(await emailTo(customer)).get(surveyOf(customer) === 'nps' ? 9 : 4) as string,
    ).pathname;
    const page = await api.get(path, null);
    await ok(api.post('/_local/clock', { advance: 'PT3S' }), 200, 'clock');
    const score = surveyOf(customer) === 'nps' ? '9' : '4';
    await ok(
      api.call('POST', path, { token: null, form: { ...formSignalsOf(page.text), score, comment: '' } }),
      200,
      `answer of ${customer}`,
    );
  };
  const unsubscribe = async (customer: number) => {
    const header = (await emailTo(customer)).Content.Simple.Headers.find(
      (h: { Name: string }) => h.Name === 'List-Unsubscribe',
    ).Value as string;
    const url = new URL(/^<(.+)>$/.exec(header)?.[1] as string);
    await ok(
      api.postForm(url.pathname, { 'List-Unsubscribe': 'One-Click' }),
      200,
      `unsubscribe of ${customer}`,
    );
  };

  await ok(api.post('/_local/clock', { set: DAY_A }), 200, 'clock');
  for (const customer of CUSTOMERS) await send(customer, `ix-${customer}`);
  await runtime.settled();
  for (const customer of ANSWERED_ON_A) await answer(customer);
  await ok(api.post('/_local/clock', { set: DAY_B }), 200, 'clock');
  for (const customer of ANSWERED_ON_B) await answer(customer);
  for (const customer of UNSUBSCRIBED_ON_B) await unsubscribe(customer);
  await ok(api.post('/_local/clock', { set: DAY_C }), 200, 'clock');
  await runtime.settled();
  for (const customer of ANSWERED_ON_C) await answer(customer);
  for (const customer of [...FATIGUED_ON_C, ...UNSUBSCRIBED_ON_B])
    await send(customer, `ix-${customer}-again`);
  await runtime.settled();
  await ok(api.post('/_local/clock', { set: END }), 200, 'clock');
  await runtime.settled();
};

const QUERIES = (['nps', 'csat'] as const).flatMap((survey) =>
  (['7d', '30d'] as const).flatMap((window) =>
    [null, 'billing', 'returns'].map((team) => ({ survey, window, team })),
  ),
);

const funnelsOf = async (runtime: LocalRuntime) => {
  const api = clientFor(runtime);
  const answers: Record<string, unknown>[] = [];
  for (const { survey, window, team } of QUERIES) {
    const query = new URLSearchParams({ survey, window, ...(team ? { team } : {}) });
    const response = await api.get(`/metrics/funnel?${query}`);
    if (response.status !== 200) throw new Error(`${query}: ${response.status} ${response.text}`);
    answers.push(response.json);
  }
  return answers;
};

describe('the invitation funnel through the local runtime', () => {
  let calm: LocalRuntime | undefined;
  let chaotic: LocalRuntime | undefined;
  const config = {
    minSample: 5,
    contactPolicy: { delaySeconds: 0, quietHours: null, reminderAfterDays: 2 },
  };

  beforeAll(async () => {
    [calm, chaotic] = await Promise.all([
      startLocalRuntime({ port: 0, pollIntervalMs: 50, config }),
      startLocalRuntime({
        port: 0,
        pollIntervalMs: 50,
        config,
        chaos: parseChaos('redeliver=0.3,fail=0.1', seededRandom(20261120)),
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([calm?.stop(), chaotic?.stop()]);
  });

  it('counts received, sent, bounced, reminded, skipped and answered as the script did, each on its day, chaos or not', async () => {
    const [withoutChaos, withChaos] = [calm as LocalRuntime, chaotic as LocalRuntime];
    await Promise.all([drive(withoutChaos), drive(withChaos)]);

    const [calmFunnels, chaosFunnels] = await Promise.all([funnelsOf(withoutChaos), funnelsOf(withChaos)]);

    const byHand = QUERIES.map(({ survey, window, team }) => ({
      survey,
      window,
      segment: team ? { dimension: 'team', value: team } : null,
      ...expectedFunnel(survey, team, window === '7d' ? '2026-11-22' : '2026-10-30'),
    }));
    expect(calmFunnels).toMatchObject(byHand);
    expect(chaosFunnels).toEqual(calmFunnels);
    // The script reaches every stage, and the outbox agrees with the count of reminders.
    const overall =
      calmFunnels[QUERIES.findIndex((q) => q.survey === 'nps' && q.window === '30d' && !q.team)];
    expect(overall).toMatchObject({
      reminded: 3,
      skipped: { fatigue: 2, suppressed: 1 },
      failed: { bounced: 2 },
    });
    const reminders = (await clientFor(withoutChaos).outbox('email')).filter((e) => e.at >= '2026-11-22');
    expect(reminders).toHaveLength(6);
    expect(withChaos.deadLetters).toEqual([]);
    expect(withoutChaos.deadLetters).toEqual([]);
  }, 180_000);
});
