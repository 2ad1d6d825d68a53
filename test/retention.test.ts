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
 * Retention on one machine: with `retention.days` set low, moving the local clock past it removes the
 * raw items (invitations, answers, cases, their listing and side items) as DynamoDB's time to live
 * would, and the scores stay.
 */

/** The runtime's present: its time to live, as its periodic jobs, runs once the clock passes it. */
let START: string;

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;

beforeAll(async () => {
  ({ runtime, api } = await startTestRuntime({ retention: { days: 2 } }));
  START = runtime.clock.now().toISOString();
});
afterAll(async () => {
  await runtime?.stop();
});

const items = () => everyItemOf(runtime);

/** The raw items about interactions and the people in them: what retention removes. */
const RAW = /^(INV#|ANSWERS#|CASES$|FOLLOWUP#)/;
const rawItems = async () =>
  (await items()).filter(
    (item) => RAW.test(String(item.pk)) || String(item.sk).startsWith('INV#') || item.sk === 'LAST_SENT',
  );

const answer = async (address: string, score: number, comment: string) => {
  const email = (await api.outbox('email')).find((e) => e.input.Destination.ToAddresses.includes(address));
  const path = new URL(surveyLinks(email.input).get(score) as string).pathname;
  const page = await api.get(path, null);
  await api.post('/_local/clock', { advance: 'PT5S' });
  await api.call('POST', path, {
    token: null,
    form: { ...formSignalsOf(page.text), score: String(score), comment },
  });
};

/** The month's NPS, whichever day the window ends on. */
const score = async () => {
  const { from: _from, to: _to, ...figures } = (await api.get('/metrics?survey=nps&window=30d')).json;
  return figures;
};

describe('retention', () => {
  let before: unknown;
  let kept: Record<string, unknown>[];

  beforeAll(async () => {
    for (const [i, score] of [2, 9, 10].entries()) {
      const address = `keep-${i}@example.com`;
      await api.post(
        '/interactions',
        interaction({ occurredAt: START, customer: { id: `r-${i}`, email: address } }),
      );
      await runtime.settled();
      await answer(address, score, score < 7 ? 'it took weeks' : 'quick');
      await runtime.settled();
    }
    kept = await rawItems();
    before = await score();
    await api.post('/_local/clock', { advance: 'P3D' });
    await runtime.settled();
  }, 60_000);

  it('stamps every raw item with when it expires, the retention after it began', () => {
    expect(kept.length).toBeGreaterThan(10);
    // From the day it began (a comment's labels are of the answer's day), at most a day late.
    const startSeconds = Date.parse(START.slice(0, 10)) / 1000;
    // Some side items live less long of their own (a page stamp, a day): none longer, but the person
    // index, which outlives what it finds (an answer and a case begin up to 60 days after their
    // invitation) by 61 days, and a last send, kept as long as the fatigue rule (30 days) reads it.
    for (const item of kept) {
      const outlives = item.type === 'person-index' ? 61 * 86_400 : item.sk === 'LAST_SENT' ? 28 * 86_400 : 0;
      expect(item.expiresAt, `${item.pk} ${item.sk}`).toBeLessThan(startSeconds + 3 * 86_400 + outlives);
    }
    expect(kept.filter((item) => item.type === 'person-index')).toHaveLength(6);
    expect(kept.filter((item) => item.sk === 'LAST_SENT')).toHaveLength(6);
    for (const item of kept.filter((item) => ['INVITATION', 'RESPONSE', 'CASE'].includes(String(item.sk))))
      expect(item.expiresAt, `${item.pk} ${item.sk}`).toBeGreaterThanOrEqual(startSeconds + 2 * 86_400);
    expect(kept.map((item) => item.sk)).toEqual(expect.arrayContaining(['INVITATION', 'RESPONSE', 'CASE']));
  });

  /** The raw items kept before the clock moved that are still there. */
  const left = async () => {
    const before = new Set(kept.map((item) => `${item.pk} ${item.sk}`));
    return (await rawItems()).filter((item) => before.has(`${item.pk} ${item.sk}`));
  };

  it('removes them once the clock passes it, but the person index and the last sends', async () => {
    // What the periodic jobs wrote once the clock moved (an escalation's alert) is newer, and stays.
    expect((await left()).map((item) => item.type).sort()).toEqual([
      ...Array(6).fill('last-send'),
      ...Array(6).fill('person-index'),
    ]);
  });

  it('leaves the scores as they were, the deletions being the time to live’s', async () => {
    expect(await score()).toEqual(before);
    expect(runtime.deadLetters).toEqual([]);
  });

  it('keeps suppressions, which no retention lifts', async () => {
    expect(
      (await items()).filter((item) => item.sk === 'SUPPRESSION' && item.expiresAt !== undefined),
    ).toEqual([]);
  });

  it('removes the person index and the last sends once the clock passes their own expiry', async () => {
    await api.post('/_local/clock', { advance: 'P61D' });
    await runtime.settled();
    expect(await left()).toEqual([]);
  }, 60_000);
});
