import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalRuntime } from '../infra/local/runtime.js';
import { type clientFor, interaction, startTestRuntime, surveyLinks } from './support/client.js';

// Business metrics are embedded-metric-format lines in the functions' output; this suite reads them.
vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
});

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;
const lines: string[] = [];
const write = process.stdout.write;

beforeAll(async () => {
  ({ runtime, api } = await startTestRuntime({}));
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    lines.push(...String(chunk).split('\n'));
    return write.call(process.stdout, chunk, ...rest);
  }) as typeof process.stdout.write;
});

afterAll(async () => {
  process.stdout.write = write;
  await runtime?.stop();
});

/** Every metric written, as `Name` or `Name:dimension`, with the sum of its values. */
const written = (): Record<string, number> => {
  const sums: Record<string, number> = {};
  for (const line of lines) {
    if (!line.startsWith('{"_aws"')) continue;
    const emf = JSON.parse(line);
    for (const directive of emf._aws.CloudWatchMetrics) {
      const dimension = (directive.Dimensions[0] as string[]).find((name) => name !== 'service');
      for (const { Name } of directive.Metrics) {
        const key = dimension ? `${Name}:${emf[dimension]}` : Name;
        sums[key] = (sums[key] ?? 0) + emf[Name];
      }
    }
  }
  return sums;
};

describe('business metrics', () => {
  it('counts interactions, sends and skips by reason, answers and suspect ones, and alerts by kind', async () => {
    // Prepare: one customer invited twice (the second within the fatigue period), one invited by SMS.
    const first = interaction({ team: 'metered', customer: { id: 'c-m1', email: 'metered@example.com' } });
    const again = interaction({ team: 'metered', customer: { id: 'c-m1', email: 'metered@example.com' } });
    const texted = interaction({
      team: 'metered',
      inviteVia: 'sms',
      customer: { id: 'c-m2', phone: '+14155550142' },
    });

    // Act
    for (const event of [first, again, texted]) await api.post('/interactions', event);
    await runtime.settled();
    const email = (await api.outbox('email')).find((sent) =>
      sent.input.Destination.ToAddresses.includes('metered@example.com'),
    );
    const path = new URL(surveyLinks(email.input).get(1) as string).pathname;
    await api.call('POST', path, { form: { score: '9' }, token: null, userAgent: 'python-requests/2.31' });
    await api.answerAsPerson(path, { score: '1', comment: 'slow' });
    await runtime.settled();
    const sums = written();

    // Assess
    expect(sums).toMatchObject({
      InteractionsReceived: 3,
      'InvitationsSent:email': 1,
      'InvitationsSent:sms': 1,
      'InvitationsSkipped:fatigue': 1,
      'AnswersSuspect:web': 1,
      'AnswersCounted:web': 1,
      'AlertsPublished:detractor': 1,
    });
    expect(sums.AnswerToAlert).toBeGreaterThanOrEqual(0);
  });
});
