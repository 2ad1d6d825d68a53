import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../infra/local/runtime.js';
import { type clientFor, interaction, startTestRuntime, surveyLinks } from './support/client.js';

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;

beforeAll(async () => {
  ({ runtime, api } = await startTestRuntime({
    recoverySurvey: {},
    // The customer's next survey comes days after the first, within the fatigue period.
    contactPolicy: { touchpoints: { 'repeat-order': { fatigueDays: 0 } } },
  }));
});

afterAll(async () => {
  await runtime?.stop();
});

/** The latest email to `address`, as the outbox holds it. */
const emailTo = async (address: string) => {
  const emails = await api.outbox('email');
  return emails.filter((email) => email.input.Destination.ToAddresses.includes(address)).at(-1);
};

/** Answers the latest survey sent to `address` with `score`, as a person would, and lets the stream settle. */
const answerLatest = async (address: string, score: number) => {
  const link = surveyLinks((await emailTo(address)).input).get(score) as string;
  await api.answerAsPerson(new URL(link).pathname, { score: String(score) });
  await runtime.settled();
};

describe('GET /cases/stats, through the local runtime', () => {
  it("counts a team's closed loop: the case's moves, its recovery survey and the customer's next answer", async () => {
    // Prepare: Lou's unhappy answer opens a case, which a lead acknowledges and resolves
    const customer = { id: 'c-loop', email: 'loop@example.com', name: 'Lou' };
    await api.post('/interactions', interaction({ customer, team: 'loop' }));
    await runtime.settled();
    await answerLatest('loop@example.com', 2);
    const { cases } = (await api.get('/cases?team=loop')).json;
    const caseId: string = cases[0].caseId;
    await api.post(`/cases/${caseId}/acknowledge`, {});
    await api.post(`/cases/${caseId}/resolve`, { reason: 'called-back' });
    await runtime.settled();
    // The recovery survey, then the next survey of another interaction, both answered happily
    await answerLatest('loop@example.com', 5);
    await api.post('/interactions', interaction({ customer, team: 'loop', touchpoint: 'repeat-order' }));
    await runtime.settled();
    await answerLatest('loop@example.com', 9);

    // Act
    const team = await api.get('/cases/stats?window=7d&team=loop');
    const everyTeam = await api.get('/cases/stats');
    const wrong = await api.get('/cases/stats?window=7d&status=open');

    // Assess
    expect(team.status).toBe(200);
    expect(team.json).toMatchObject({
      window: '7d',
      team: 'loop',
      opened: 1,
      acknowledged: 1,
      resolved: 1,
      escalated: 0,
      timeToAcknowledge: { n: 1 },
      timeToResolve: { n: 1 },
      acknowledgedWithinSla: { n: 1, percent: 100 },
      resolutions: { 'called-back': 1 },
      recovery: { touchpoint: 'case-recovery', survey: 'csat', n: 1, score: 100 },
      winBack: { answeredAgain: 1, wonBack: 1, rate: 100 },
    });
    expect(everyTeam.json).toMatchObject({ window: '30d', team: null, opened: 1, winBack: { wonBack: 1 } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.fields).toEqual([{ field: 'status', message: 'is not a known parameter' }]);
  });
});
