import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS } from '../infra/local/dynamodb-local.js';
import type { LocalRuntime } from '../infra/local/runtime.js';
import {
  type clientFor,
  formSignalsOf,
  interaction,
  startTestRuntime,
  surveyLinks,
} from './support/client.js';

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;

beforeAll(async () => {
  ({ runtime, api } = await startTestRuntime({
    recoverySurvey: {},
    metricAlerts: [{ survey: 'nps', window: '7d', below: 0, team: 'watched', minSample: 4 }],
  }));
});

afterAll(async () => {
  await runtime?.stop();
});

const emailTo = async (address: string) => {
  const emails = await api.outbox('email');
  return emails.filter((email) => email.input.Destination.ToAddresses.includes(address)).at(-1);
};

describe('one interaction to one detractor alert, through the local runtime', () => {
  it('invites by email, records a 3 from the page, alerts once and counts it in the metrics', async () => {
    // A team of its own: the metrics count this test's answer, whatever ran before it.
    const event = interaction({
      team: 'walkers',
      customer: { id: 'c-1', email: 'walk@example.com', name: 'Walker' },
    });

    const accepted = await api.post('/interactions', event);
    await runtime.settled();
    const email = await emailTo('walk@example.com');
    const links = surveyLinks(email.input);
    const page = await api.get(links.get(3) as string, null);
    const answered = await api.answerAsPerson(new URL(links.get(3) as string).pathname, {
      score: '3',
      comment: 'the wait was awful',
    });
    await runtime.settled();
    const alerts = (await api.outbox('alert')).filter((alert) =>
      alert.input.Message.includes(event.interactionId),
    );
    const metrics = await api.get('/metrics?survey=nps&window=30d&team=walkers');
    const status = await api.get(`/invitations/${event.interactionId}`);
    const trend = await api.get('/metrics/trend?survey=nps&days=7&team=walkers');

    expect(accepted.status).toBe(202);
    expect(accepted.json).toMatchObject({
      interactionId: event.interactionId,
      status: 'scheduled',
      duplicate: false,
    });
    expect(email.input.Content.Simple.Subject.Data).toBe('One quick question');
    expect(email.input.Content.Simple.Body.Html.Data).toContain(links.get(10)?.replaceAll('&', '&amp;'));
    expect([...links.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<input type="radio" id="score-3" name="score" value="3" required checked>/);
    expect(page.text).toContain('<button type="submit"');
    expect(answered.status).toBe(200);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].input.MessageAttributes).toMatchObject({
      survey: { DataType: 'String', StringValue: 'nps' },
      score: { DataType: 'Number', StringValue: '3' },
      team: { DataType: 'String', StringValue: 'walkers' },
      agent: { DataType: 'String', StringValue: 'agent-7' },
      touchpoint: { DataType: 'String', StringValue: 'support-ticket' },
      channel: { DataType: 'String', StringValue: 'phone' },
    });
    expect(alerts[0].input.Message).toContain('the wait was awful');
    expect(metrics.json).toMatchObject({
      survey: 'nps',
      window: '30d',
      segment: { dimension: 'team', value: 'walkers' },
      n: 1,
      score: -100,
      detractors: 1,
      lowSample: true,
    });
    const repeated = await api.post('/interactions', event);
    expect(repeated.json).toMatchObject({ status: 'answered', duplicate: true });
    expect(status.json).toMatchObject({
      status: 'answered',
      response: { score: 3, comment: 'the wait was awful' },
    });
    expect(trend.json.points).toHaveLength(7);
    expect(trend.json.points.at(-1)).toMatchObject({ n: 1, score: -100 });
  });

  it('opens a case with the alert, which a lead reads, acknowledges and resolves over HTTP', async () => {
    // Prepare
    const event = interaction({ customer: { id: 'c-case', email: 'case@example.com', name: 'Cas' } });
    await api.post('/interactions', event);
    await runtime.settled();
    const path = new URL(surveyLinks((await emailTo('case@example.com')).input).get(1) as string).pathname;
    await api.answerAsPerson(path, { score: '1', comment: 'nobody called' });
    await runtime.settled();
    const [alert] = (await api.outbox('alert')).filter((a) => a.input.Message.includes(event.interactionId));
    const caseUrl = /^Case: (\S+)$/m.exec(alert.input.Message)?.[1] as string;
    // The alert's link opens the case in the console; the API reads the same case as JSON.
    const caseId = new URL(caseUrl).pathname.split('/').at(-1) as string;
    expect(new URL(caseUrl).pathname).toBe(`/console/cases/${caseId}`);
    const casePath = `/cases/${caseId}`;

    // Act
    const read = await api.get(casePath);
    const anonymous = await api.get(casePath, null);
    const listed = await api.get('/cases?status=open&team=billing');
    const acknowledged = await api.post(`${casePath}/acknowledge`, { by: 'lead@example.com' });
    const badReason = await api.post(`${casePath}/resolve`, { reason: 'done' });
    const resolved = await api.post(`${casePath}/resolve`, {
      reason: 'called-back',
      note: 'Apologised, refunded.',
    });
    const again = await api.post(`${casePath}/resolve`, { reason: 'called-back' });
    const unknown = await api.post('/cases/AAAAAAAAAAAAAAAAAAAAAA/acknowledge', {});
    await runtime.settled();
    const invitationsTo = (await api.outbox('email')).filter((email) =>
      email.input.Destination.ToAddresses.includes('case@example.com'),
    );
    const recovery = await api.get(`/invitations/recovery-${resolved.json.caseId}`);

    // Assess
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      interactionId: event.interactionId,
      status: 'open',
      score: 1,
      comment: 'nobody called',
    });
    expect(anonymous.status).toBe(401);
    expect(listed.json.cases.map((c: { interactionId: string }) => c.interactionId)).toContain(
      event.interactionId,
    );
    // The integrator acts under its credential's name; whom it says it acted for is kept apart.
    expect(acknowledged.json).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'integrator:local',
      acknowledgedOnBehalfOf: 'lead@example.com',
    });
    expect(badReason.status).toBe(400);
    expect(badReason.json.fields).toEqual([
      { field: 'reason', message: expect.stringContaining('must be one of') },
    ]);
    expect(resolved.json).toMatchObject({
      status: 'resolved',
      resolution: { reason: 'called-back', note: 'Apologised, refunded.' },
    });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatch(/is resolved, so it cannot be resolved/);
    expect(unknown.status).toBe(404);
    // The stage sends recovery surveys: one CSAT invitation about the follow-up, however often resolve is sent.
    expect(resolved.json.recoveryInvitationId).toEqual(expect.any(String));
    expect(recovery.json).toMatchObject({ status: 'sent' });
    expect(invitationsTo).toHaveLength(2);
    expect([...surveyLinks(invitationsTo[1].input).keys()]).toEqual([1, 2, 3, 4, 5]);
    expect(invitationsTo[1].input.Content.Simple.Body.Text.Data).toContain(
      'How satisfied were you with the help you received?',
    );
  });

  it('records nothing when the page is only fetched, with GET or HEAD', async () => {
    const event = interaction({ customer: { id: 'c-2', email: 'scanner@example.com' } });
    await api.post('/interactions', event);
    await runtime.settled();
    const links = surveyLinks((await emailTo('scanner@example.com')).input);

    for (const link of links.values()) {
      await api.get(link, null);
      await fetch(link, { method: 'HEAD' });
    }
    await runtime.settled();
    const status = await api.get(`/invitations/${event.interactionId}`);

    expect(status.json.status).toBe('sent');
    expect(status.json.response).toBeUndefined();
  });

  it('treats the same interaction twice as one invitation and one email', async () => {
    const event = interaction({ customer: { id: 'c-3', email: 'twice@example.com' } });

    const first = await api.post('/interactions', event);
    const second = await api.post('/interactions', event);
    await runtime.settled();
    const emails = (await api.outbox('email')).filter((e) =>
      e.input.Destination.ToAddresses.includes('twice@example.com'),
    );

    expect(first.json.invitationId).toBe(second.json.invitationId);
    expect(second.json.duplicate).toBe(true);
    expect(emails).toHaveLength(1);
  });

  it('counts a changed answer once, at its new score, and sends one update on its case, not a second alert', async () => {
    const event = interaction({
      survey: 'csat',
      team: 'changers',
      customer: { id: 'c-4', email: 'change@example.com' },
    });
    await api.post('/interactions', event);
    await runtime.settled();
    const path = new URL(surveyLinks((await emailTo('change@example.com')).input).get(1) as string).pathname;

    await api.answerAsPerson(path, { score: '1' });
    await runtime.settled();
    await api.answerAsPerson(path, { score: '2', comment: 'still not great' });
    await runtime.settled();
    const metrics = await api.get('/metrics?survey=csat&team=changers');
    const alerts = (await api.outbox('alert')).filter((a) => a.input.Message.includes(event.interactionId));

    expect(metrics.json).toMatchObject({ n: 1, satisfied: 0, mean: 2 });
    expect(alerts.map((alert) => alert.input.MessageAttributes.kind.StringValue)).toEqual([
      'detractor',
      'update',
    ]);
    expect(alerts[1].input.Message).toContain('changed their score and comment');
    expect(alerts[1].input.Message).toContain('> still not great');
    const caseId = /\/cases\/(\S+)/.exec(alerts[0].input.Message)?.[1];
    expect((await api.get(`/cases/${caseId}`)).json).toMatchObject({ score: 2, comment: 'still not great' });
  });
});

describe('bad input', () => {
  it('answers 401 without a token and with a wrong one', async () => {
    const none = await api.post('/interactions', interaction(), null);
    const wrong = await api.post('/interactions', interaction(), 'not-the-token');
    const metrics = await api.get('/metrics?survey=nps', 'nope');

    expect([none.status, wrong.status, metrics.status]).toEqual([401, 401, 401]);
  });

  it('answers 400 naming the wrong field', async () => {
    const badSurvey = await api.post('/interactions', interaction({ survey: 'xps' }));
    const noContact = await api.post('/interactions', interaction({ customer: { id: 'c-9' } }));
    const notJson = await api.post('/interactions', '{"interactionId":');

    expect(badSurvey.status).toBe(400);
    expect(badSurvey.json.fields).toEqual([expect.objectContaining({ field: 'survey' })]);
    expect(noContact.status).toBe(400);
    expect(noContact.json.fields.map((f: { field: string }) => f.field)).toContain('customer.email');
    expect(notJson.status).toBe(400);
    expect(notJson.json.fields).toEqual([expect.objectContaining({ field: 'body' })]);
  });

  it('keeps a comment holding a lone surrogate, repaired, and alerts on it; refuses such a name', async () => {
    // A script, not a browser, can send half a character: "\ud800" in a JSON body.
    const event = interaction({ team: 'halves', customer: { id: 'c-half', email: 'half@example.com' } });
    await api.post('/interactions', event);
    await runtime.settled();
    const path = new URL(surveyLinks((await emailTo('half@example.com')).input).get(2) as string).pathname;
    const signals = formSignalsOf((await api.call('GET', path, { token: null })).text);
    await api.call('POST', '/_local/clock', { body: { advance: 'PT3S' } });

    const answered = await api.call('POST', path, {
      body: { ...signals, score: '2', comment: 'slow \ud800 and rude' },
      token: null,
    });
    const named = await api.post('/interactions', interaction({ team: 'halves\udc00' }));
    await runtime.settled();

    const alerts = (await api.outbox('alert')).filter((alert) =>
      alert.input.Message.includes(event.interactionId),
    );
    expect(answered.status).toBe(200);
    expect((await api.get(`/invitations/${event.interactionId}`)).json.response.comment).toBe(
      'slow \ufffd and rude',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0].input.Message).toContain('> slow \ufffd and rude');
    expect(named.status).toBe(400);
    expect(named.json.fields).toEqual([{ field: 'team', message: expect.stringContaining('well-formed') }]);
  });

  it('answers 400 for an unknown survey, window or dimension on /metrics', async () => {
    const survey = await api.get('/metrics?survey=xps');
    const window = await api.get('/metrics?survey=nps&window=45d');
    const dimension = await api.get('/metrics?survey=nps&region=eu');
    const two = await api.get('/metrics?survey=nps&team=a&agent=b');

    expect(survey.json.fields[0].field).toBe('survey');
    expect(window.json.fields[0].field).toBe('window');
    expect(dimension.json.fields[0].field).toBe('region');
    expect(two.json.fields.map((f: { field: string }) => f.field)).toEqual(['team', 'agent']);
    expect([survey.status, window.status, dimension.status, two.status]).toEqual([400, 400, 400, 400]);
  });

  it('shows a clear page, not a stack trace, for a tampered survey link', async () => {
    const page = await api.get(`/s/${'A'.repeat(44)}?score=3`, null);
    const short = await api.postForm('/s/abc', { score: '3' });

    expect(page.status).toBe(404);
    expect(page.text).toContain('This link does not work');
    expect(short.status).toBe(404);
  });

  it('puts an invalid bus event on the dead letters with the field that is wrong', async () => {
    const sent = await api.post('/_local/events', {
      detailType: 'InteractionCompleted',
      detail: interaction({ survey: 'xps' }),
    });
    const deadLetters = (await api.get('/_local/dead-letters')).json as { source: string; reason: string }[];

    expect(sent.status).toBe(202);
    expect(deadLetters).toContainEqual(
      expect.objectContaining({
        source: 'accept-interaction-event on-failure',
        reason: expect.stringContaining('survey'),
      }),
    );
  });

  it('reports a poison stream record to the on-failure destination and still counts the answers behind it', async () => {
    const dynamo = new DynamoDBClient({ ...LOCAL_AWS, endpoint: runtime.dynamoDbEndpoint });
    const good = (id: string, score: number) => ({
      pk: `INV#${id}`,
      sk: 'RESPONSE',
      invitationId: id,
      interactionId: id,
      survey: 'nps',
      score,
      comment: '',
      suspect: false,
      day: runtime.clock.now().toISOString().slice(0, 10),
      answeredAt: runtime.clock.now().toISOString(),
      updatedAt: runtime.clock.now().toISOString(),
      team: 'poison-team',
      channel: 'chat',
      touchpoint: 'support-ticket',
      customerId: 'c-p',
    });

    await dynamo.send(new PutItemCommand({ TableName: runtime.tableName, Item: marshall(good('p-1', 10)) }));
    await dynamo.send(
      new PutItemCommand({ TableName: runtime.tableName, Item: marshall({ ...good('p-2', 10), score: 42 }) }),
    );
    await dynamo.send(new PutItemCommand({ TableName: runtime.tableName, Item: marshall(good('p-3', 9)) }));
    await runtime.settled();
    const metrics = await api.get('/metrics?survey=nps&team=poison-team');
    const failures = runtime.deadLetters.filter((d) => d.source === 'aggregate-responses stream on-failure');

    expect(metrics.json).toMatchObject({ n: 2, promoters: 2 });
    expect(failures).toHaveLength(1);
    expect(failures[0]?.payload).toMatchObject({
      DDBStreamBatchInfo: { batchSize: 1, shardId: expect.any(String) },
    });
    dynamo.destroy();
  });

  it('answers the local routes as documented: the clock refuses junk, unknown routes are 404', async () => {
    const now = (await api.get('/_local/clock')).json.now as string;

    const back = await api.post('/_local/clock', { advance: 'PT-2H' });
    const junk = await api.post('/_local/clock', { advance: 'two hours' });
    const wrongMethod = await api.call('DELETE', '/metrics');
    const badEscape = await api.get('/s/%E0%A4%A', null);
    const later = await api.get('/_local/clock');

    expect(back.status).toBe(400);
    expect(back.json.fields[0].field).toBe('advance');
    expect(junk.status).toBe(400);
    expect(wrongMethod.status).toBe(404);
    expect(badEscape.status).toBe(400);
    expect(new Date(later.json.now).getTime()).toBeGreaterThanOrEqual(new Date(now).getTime());
  });

  it('accepts a well-formed inbound SMS with 202, naming the function that reads it, and names a wrong field', async () => {
    const bad = await api.post('/_local/sms', { originationNumber: 'nope' });
    const good = await api.post('/_local/sms', {
      originationNumber: '+14155550100',
      destinationNumber: '+14155550199',
      messageKeyword: 'KEYWORD_000000000000',
      messageBody: '9',
      inboundMessageId: 'in-1',
    });

    expect(bad.status).toBe(400);
    expect(bad.json.fields.map((f: { field: string }) => f.field)).toContain('originationNumber');
    expect(good.status).toBe(202);
    expect(good.json).toEqual({ accepted: true, inboundMessageId: 'in-1', readBy: ['record-sms-reply'] });
  });
});

describe('a lead signed in', () => {
  it('works cases and reads metrics with their ID token, acts as themselves, and cannot post interactions', async () => {
    // Prepare: a detractor's case, and the stage's lead signed in.
    const event = interaction({ customer: { id: 'c-lead', email: 'lead-case@example.com' } });
    await api.post('/interactions', event);
    await runtime.settled();
    const path = new URL(surveyLinks((await emailTo('lead-case@example.com')).input).get(2) as string)
      .pathname;
    await api.answerAsPerson(path, { score: '2' });
    await runtime.settled();
    const signedIn = await api.post('/_local/leads/sign-in', { email: 'lead@pulse.local' }, null);
    const { idToken } = signedIn.json as { idToken: string };
    const caseId = (await api.get('/cases?limit=100', idToken)).json.cases.find(
      (c: { interactionId: string }) => c.interactionId === event.interactionId,
    ).caseId;

    // Act
    const acknowledged = await api.post(
      `/cases/${caseId}/acknowledge`,
      { by: 'someone-else@acme.example' },
      idToken,
    );
    const metrics = await api.get('/metrics?survey=nps', idToken);
    const posted = await api.post('/interactions', interaction(), idToken);
    const stranger = await api.post('/_local/leads/sign-in', { email: 'stranger@acme.example' }, null);
    const [header, payload, signature] = idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, email: 'boss@pulse.local' })).toString('base64url')}.${signature}`;
    const withForged = await api.get('/cases', forged);

    // Assess
    expect(signedIn.json).toMatchObject({ expiresIn: 900 });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.json).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'lead@pulse.local' });
    expect(metrics.status).toBe(200);
    expect(posted.status).toBe(401);
    expect(stranger.status).toBe(401);
    expect(withForged.status).toBe(401);
  });
});

describe('the SLA, driven by the local clock', () => {
  it('escalates an unacknowledged case once after its SLA, and never an acknowledged one', async () => {
    // Prepare: two detractors of the highest severity, one of them acknowledged at once.
    const waiting = interaction({ customer: { id: 'c-sla-1', email: 'sla-1@example.com' } });
    const handled = interaction({ customer: { id: 'c-sla-2', email: 'sla-2@example.com' } });
    for (const event of [waiting, handled]) await api.post('/interactions', event);
    await runtime.settled();
    for (const address of ['sla-1@example.com', 'sla-2@example.com']) {
      const path = new URL(surveyLinks((await emailTo(address)).input).get(0) as string).pathname;
      await api.answerAsPerson(path, { score: '0' });
    }
    await runtime.settled();
    const caseOf = async (interactionId: string) =>
      (await api.get('/cases?limit=100')).json.cases.find(
        (c: { interactionId: string }) => c.interactionId === interactionId,
      );
    await api.post(`/cases/${(await caseOf(handled.interactionId)).caseId}/acknowledge`, {});
    const escalations = async () =>
      (await api.outbox('alert')).filter(
        (alert) => alert.input.MessageAttributes.kind.StringValue === 'escalation',
      );

    const [waitingCase, handledCase] = [
      (await caseOf(waiting.interactionId)).caseId,
      (await caseOf(handled.interactionId)).caseId,
    ];
    const escalatedCases = async () =>
      (await escalations()).map((alert) => alert.input.Message.match(/^Case: .*\/cases\/(\S+)$/m)?.[1]);

    // Act
    await api.post('/_local/clock', { advance: 'PT59M' });
    const early = await escalatedCases();
    // The escalation runs every 5 minutes: it comes within one run of the SLA.
    await api.post('/_local/clock', { advance: 'PT6M' });
    const due = await escalatedCases();
    await api.post('/_local/clock', { advance: 'PT1H' });
    const later = await escalatedCases();

    // Assess
    expect(runtime.deadLetters.filter((d) => d.source.startsWith('escalate'))).toEqual([]);
    expect(early).not.toContain(waitingCase);
    expect(due.filter((id) => id === waitingCase)).toHaveLength(1);
    expect(later.filter((id) => id === waitingCase)).toHaveLength(1);
    expect(later).not.toContain(handledCase);
    expect(await caseOf(waiting.interactionId)).toMatchObject({
      status: 'open',
      escalatedAt: expect.any(String),
    });
    expect((await caseOf(handled.interactionId)).escalatedAt).toBeUndefined();
  });
});

describe('metric alerts, driven by the local clock', () => {
  it('alerts once when a team score falls below its line on enough answers, and once when it recovers', async () => {
    // Prepare: the rule watches team `watched`: NPS over 7 days below 0 on at least 4 answers.
    const answerAll = async (scores: number[], from: number) => {
      for (const [i, score] of scores.entries()) {
        const address = `watched-${from + i}@example.com`;
        await api.post(
          '/interactions',
          interaction({ team: 'watched', customer: { id: address, email: address } }),
        );
        await runtime.settled();
        const path = new URL(surveyLinks((await emailTo(address)).input).get(score) as string).pathname;
        await api.answerAsPerson(path, { score: String(score) });
      }
      await runtime.settled();
      // The rule is read every 5 minutes.
      await api.post('/_local/clock', { advance: 'PT5M' });
      await runtime.settled();
    };
    const metricAlerts = async () =>
      (await api.outbox('alert'))
        .filter((alert) => alert.input.MessageAttributes.kind.StringValue === 'metric')
        .map((alert) => ({
          state: alert.input.MessageAttributes.state.StringValue,
          score: Number(alert.input.MessageAttributes.score.StringValue),
          team: alert.input.MessageAttributes.team.StringValue,
        }));

    // Act
    await answerAll([0, 3], 1);
    const tooFew = await metricAlerts();
    await answerAll([10, 2], 3);
    const fell = await metricAlerts();
    await answerAll([1], 5);
    const stillBelow = await metricAlerts();
    await answerAll([10, 10, 10], 6);
    const recovered = await metricAlerts();

    // Assess: −100 on 2 answers decides nothing; −50 on 4 alerts; −60 on 5 is the same fall; 4
    // promoters and 4 detractors is 0, back on the line.
    expect(tooFew).toEqual([]);
    expect(fell).toEqual([{ state: 'below', score: -50, team: 'watched' }]);
    expect(stillBelow).toEqual(fell);
    expect(recovered).toEqual([...fell, { state: 'recovered', score: 0, team: 'watched' }]);
    expect(runtime.deadLetters.filter((d) => d.source.startsWith('evaluate'))).toEqual([]);
  });
});
