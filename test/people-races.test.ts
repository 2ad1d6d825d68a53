import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../infra/local/runtime.js';
import { parseChaos } from '../infra/local/stream-poller.js';
import { clientFor, formSignalsOf, interaction, surveyLinks } from './support/client.js';
import { everyItemOf } from './support/dynamodb.js';
import { seededRandom } from './support/random.js';

/**
 * Erasing a person while their survey is being sent, while they answer, and while the stream records
 * of their answer are still on their way to the readers (redelivered and failing part-way, as the
 * stream may): afterwards no item of the table holds anything of them.
 */

const START = '2026-11-20T12:00:00.000Z';
const PEOPLE = Array.from({ length: 6 }, (_, i) => ({
  id: `rp-cust-${i}-k`,
  email: `race-person-${i}@example.com`,
  name: `Racer Nummer${i}`,
  word: `Zyxquilt${i}`,
  interactionId: `ix-race-${i}`,
}));

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;

beforeAll(async () => {
  runtime = await startLocalRuntime({
    port: 0,
    apiToken: 'race-token',
    pollIntervalMs: 5,
    chaos: parseChaos('redeliver=0.5,fail=0.2', seededRandom(20261202)),
  });
  api = clientFor(runtime);
  await api.post('/_local/clock', { set: START });
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

const everyItem = async (): Promise<string[]> =>
  (await everyItemOf(runtime)).map((item) => JSON.stringify(item));

const invite = (person: (typeof PEOPLE)[number]) =>
  api.post(
    '/interactions',
    interaction({
      interactionId: person.interactionId,
      occurredAt: START,
      customer: { id: person.id, email: person.email, name: person.name },
      attributes: { note: `${person.word} ticket` },
    }),
  );

const answer = async (person: (typeof PEOPLE)[number], score: number) => {
  const email = (await api.outbox('email')).find((e) =>
    e.input.Destination.ToAddresses.includes(person.email),
  );
  const path = new URL(surveyLinks(email.input).get(score) as string).pathname;
  const page = await api.get(path, null);
  await api.post('/_local/clock', { advance: 'PT5S' });
  return api.call('POST', path, {
    token: null,
    form: {
      ...formSignalsOf(page.text),
      score: String(score),
      comment: `${person.word} said ${person.name}`,
    },
  });
};

const erase = (person: (typeof PEOPLE)[number]) =>
  api.post('/people/erase', { customerId: person.id, email: person.email });

describe('erasing while things are in flight', () => {
  it('leaves nothing of the person, whatever was under way', async () => {
    const [sending, answering, streaming, ...rest] = PEOPLE;
    if (!sending || !answering || !streaming) throw new Error('too few people');
    for (const person of [answering, streaming, ...rest]) expect((await invite(person)).status).toBe(202);
    await runtime.settled();

    // During a send: the invitation is queued, and its send runs while the erasure does.
    const [invited, erasedWhileSending] = await Promise.all([
      invite(sending).then(async (response) => {
        await runtime.settled();
        return response;
      }),
      new Promise((resolve) => setTimeout(resolve, 5)).then(() => erase(sending)),
    ]);
    // During an answer: the POST and the erasure at once.
    const [answered, erasedWhileAnswering] = await Promise.all([answer(answering, 2), erase(answering)]);
    // While the answer's records are on their way: a detractor (a case, an alert, a listing) and a
    // change of it, erased before the stream has been read.
    expect((await answer(streaming, 1)).status).toBe(200);
    expect((await answer(streaming, 3)).status).toBe(200);
    const erasedWhileStreaming = await erase(streaming);
    // And the rest answer and are erased with nothing in flight, for a baseline.
    for (const person of rest) {
      expect((await answer(person, 4)).status).toBe(200);
      await runtime.settled();
      expect((await erase(person)).status).toBe(200);
    }
    await runtime.settled();

    expect(invited.status).toBe(202);
    expect([erasedWhileSending.status, erasedWhileAnswering.status, erasedWhileStreaming.status]).toEqual([
      200, 200, 200,
    ]);
    // The answer was taken before the erasure, or refused after it: never a failure.
    expect([200, 410]).toContain(answered.status);
    const left = (await everyItem()).filter((item) =>
      PEOPLE.some((person) =>
        [person.id, person.email, person.name, person.word].some((needle) => item.includes(needle)),
      ),
    );
    expect(left).toEqual([]);
    expect(runtime.deadLetters).toEqual([]);
  }, 180_000);
});
