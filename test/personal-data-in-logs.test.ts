import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalRuntime } from '../infra/local/runtime.js';
import { type clientFor, interaction, startTestRuntime, surveyLinks } from './support/client.js';

// Everything the functions log, at every level, as Lambda would keep it: read when the logger is
// made, and each invocation goes back to it, so it is set before any module loads.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

/** A person's data, each piece written nowhere else, so that finding it in a log line means a leak. */
const PERSON = {
  email: 'anastasia.leak-check@example.com',
  bouncing: 'bounce+leak-check@simulator.amazonses.com',
  phone: '+14155550177',
  stranger: '+14155550199',
  name: 'Anastasia Leakcheck',
  comment: 'the refund never arrived, leak-check words',
  sms: 'leak-check texted words',
};

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;
const logged: string[] = [];
const writes = { stdout: process.stdout.write, stderr: process.stderr.write };

beforeAll(async () => {
  ({ runtime, api } = await startTestRuntime({}));
  for (const stream of ['stdout', 'stderr'] as const) {
    process[stream].write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return writes[stream].call(process[stream], chunk, ...rest);
    }) as typeof process.stdout.write;
  }
});

afterAll(async () => {
  process.stdout.write = writes.stdout;
  process.stderr.write = writes.stderr;
  await runtime?.stop();
});

describe('personal data and the logs', () => {
  it('logs no email, phone, name, comment or text of a customer, on any path', async () => {
    // Prepare: an email invitation answered with a comment; an SMS invitation answered by text; a
    // bounce; a text from a number never texted; an interaction that is refused.
    const byEmail = interaction({
      team: 'leaks',
      customer: { id: 'c-leak', email: PERSON.email, name: PERSON.name },
    });
    const bySms = interaction({
      team: 'leaks',
      inviteVia: 'sms',
      customer: { id: 'c-leak-2', phone: PERSON.phone, name: PERSON.name },
    });
    const bouncing = interaction({ team: 'leaks', customer: { id: 'c-leak-3', email: PERSON.bouncing } });

    // Act
    for (const event of [byEmail, bySms, bouncing]) await api.post('/interactions', event);
    await api.post('/interactions', { ...byEmail, interactionId: 'zd-leak-bad', survey: 'nope' });
    await api.post('/_local/events', {
      detailType: 'InteractionCompleted',
      detail: { ...byEmail, interactionId: 'zd-leak-bus', customer: { ...byEmail.customer, timeZone: 'x' } },
    });
    await runtime.settled();
    const email = (await api.outbox('email')).find((sent) =>
      sent.input.Destination.ToAddresses.includes(PERSON.email),
    );
    const path = new URL(surveyLinks(email.input).get(2) as string).pathname;
    await api.answerAsPerson(path, { score: '2', comment: PERSON.comment });
    const texted = (await api.outbox('sms')).find((sent) => sent.input.PhoneNumber === PERSON.phone);
    await api.post('/_local/sms', {
      originationNumber: PERSON.phone,
      destinationNumber: '+18005550100',
      messageBody: `3 ${PERSON.sms}`,
      inboundMessageId: 'in-leak-1',
      previousPublishedMessageId: texted.messageId,
    });
    await api.post('/_local/sms', {
      originationNumber: PERSON.stranger,
      destinationNumber: '+18005550100',
      messageBody: `7 ${PERSON.sms}`,
      inboundMessageId: 'in-leak-2',
      previousPublishedMessageId: 'never-sent',
    });
    await runtime.settled();
    await api.get(`/invitations/${byEmail.interactionId}`);
    const cases = await api.get('/cases?team=leaks');
    for (const opened of cases.json.cases) {
      await api.get(`/cases/${opened.caseId}`);
      await api.post(`/cases/${opened.caseId}/acknowledge`, { by: 'lead@pulse.local' });
    }
    await runtime.settled();
    // An access export and an erasure of the person, and one of a malformed address.
    await api.get(`/people/export?email=${encodeURIComponent(PERSON.email)}`);
    await api.post('/people/erase', { customerId: 'c-leak', email: PERSON.email, phone: PERSON.phone });
    await api.post('/people/erase', { email: `${PERSON.name}@` });
    await runtime.settled();

    // Assess: the paths ran and were logged (so that this test can fail), and no line names the person.
    const failures = runtime.deadLetters.map((letter) => letter.reason);
    const everything = [...logged, ...failures].join('\n');
    expect(cases.json.cases.length).toBeGreaterThanOrEqual(2);
    expect(everything).toContain('invitation handled');
    expect(everything).toContain('"outcome"');
    expect(everything).toContain('person erased');
    expect(everything).toContain('person exported');
    expect(failures.length).toBeGreaterThanOrEqual(2);
    const lines = everything.split('\n');
    const leaks = Object.entries(PERSON).flatMap(([what, value]) =>
      lines
        .filter((line) => [value, value.replace('+', '')].some((form) => line.includes(form)))
        .map((line) => `${what}: ${line.slice(0, 300)}`),
    );
    expect(leaks).toEqual([]);
  });
});
