import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../infra/local/runtime.js';
import { ANALYSIS_ATTEMPTS } from '../lib/settings/insight.js';
import { answeredInteraction, type clientFor, startTestRuntime } from './support/client.js';

/*
 * Comment insight through the local runtime: a customer's comment labelled before the alert goes out,
 * and the labels wherever a lead reads the answer (the alert, the case, the invitation, the listing's
 * filters, the topics); then Comprehend throttled and out of order, which leaves the answer counted
 * and its labels pending, retried, and in the end failed on the dead-letter queue, never a held stream.
 */

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;

beforeAll(async () => {
  ({ runtime, api } = await startTestRuntime({}));
});

afterAll(async () => {
  await runtime?.stop();
});

/** An NPS answer of `team` with `score` and `comment`, as a person gives it. */
const answer = (team: string, score: number, comment: string) =>
  answeredInteraction(runtime, { team, score, comment });

const alertsOf = async (interactionId: string) =>
  (await api.outbox('alert')).filter((alert) => alert.input.Message.includes(interactionId));

const listed = async (query: string) =>
  ((await api.get(`/responses?survey=nps&${query}`)).json.responses as { interactionId: string }[]).map(
    (entry) => entry.interactionId,
  );

describe('comment insight', () => {
  it('labels a comment before its alert, and shows the labels wherever a lead reads the answer', async () => {
    const { interactionId, invitationId } = await answer(
      'insight-labelled',
      2,
      'Waited 40 minutes on hold and nobody called me back',
    );

    const [alert] = await alertsOf(interactionId);
    expect(alert.input.Message).toContain('Sentiment: negative. Topics: waiting, communication.');
    expect(alert.input.MessageAttributes).toMatchObject({
      sentiment: { DataType: 'String', StringValue: 'negative' },
      topic: { DataType: 'String.Array', StringValue: '["waiting","communication"]' },
    });
    const labels = { insight: 'done', sentiment: 'negative', topics: ['waiting', 'communication'] };
    expect((await api.get(`/cases/${invitationId}`)).json).toMatchObject(labels);
    expect((await api.get(`/invitations/${interactionId}`)).json.response).toMatchObject(labels);
    const [entry] = (await api.get('/responses?survey=nps&team=insight-labelled')).json.responses;
    expect(entry).toMatchObject({
      interactionId,
      sentiment: 'negative',
      topics: ['waiting', 'communication'],
    });
    expect(await listed('topic=waiting&team=insight-labelled')).toEqual([interactionId]);
    expect(await listed('topic=communication&sentiment=negative')).toContain(interactionId);
    expect(await listed('topic=price&team=insight-labelled')).toEqual([]);
    expect(await listed('sentiment=positive&team=insight-labelled')).toEqual([]);
    expect((await api.get('/metrics/topics?survey=nps&window=30d&team=insight-labelled')).json).toMatchObject(
      {
        comments: 1,
        sentiment: { positive: 0, neutral: 0, negative: 1, mixed: 0 },
        topics: [
          { topic: 'communication', mentions: 1, negative: 1, score: -100, impact: null },
          { topic: 'waiting', mentions: 1, negative: 1, score: -100, impact: null },
        ],
      },
    );
  });

  it('carries a comment added later to the case update, labelled, and moves the counts to the new comment', async () => {
    const { interactionId, invitationId, link } = await answer('insight-later', 3, '');
    const event = (await api.get(`/invitations/${interactionId}`)).json;
    expect(event.response).toMatchObject({ topics: [] });
    expect(event.response.insight).toBeUndefined();

    await api.answerAsPerson(new URL(link).pathname, { score: '3', comment: '快递太慢了，等了一个星期' });
    await runtime.settled();

    const update = (await alertsOf(interactionId)).find(
      (alert) => alert.input.MessageAttributes.kind.StringValue === 'update',
    );
    expect(update.input.Message).toContain('Sentiment: negative. Topics: waiting, delivery.');
    expect(update.input.MessageAttributes.topic.StringValue).toBe('["waiting","delivery"]');
    expect((await api.get(`/cases/${invitationId}`)).json).toMatchObject({ topics: ['waiting', 'delivery'] });
    expect((await api.get('/metrics/topics?survey=nps&window=30d&team=insight-later')).json).toMatchObject({
      comments: 1,
      topics: [
        { topic: 'delivery', mentions: 1 },
        { topic: 'waiting', mentions: 1 },
      ],
    });
  });

  it('counts the answer while Comprehend is throttled, keeps its labels pending, and labels it once Comprehend is back', async () => {
    runtime.comprehend.outage = 'throttling';
    const { interactionId, invitationId } = await answer(
      'insight-throttled',
      1,
      'Far too expensive for what it is',
    );

    const [alert] = await alertsOf(interactionId);
    expect(alert.input.Message).toContain('Sentiment: being analysed. Topics: price.');
    expect(alert.input.MessageAttributes.sentiment.StringValue).toBe('pending');
    expect((await api.get(`/invitations/${interactionId}`)).json.response).toMatchObject({
      insight: 'pending',
      topics: [],
    });
    expect((await api.get('/metrics?survey=nps&window=30d&team=insight-throttled')).json).toMatchObject({
      n: 1,
    });
    expect(await listed('team=insight-throttled')).toEqual([interactionId]);
    expect(await listed('topic=price&team=insight-throttled')).toEqual([]);

    runtime.comprehend.outage = null;
    await api.post('/_local/clock', { advance: 'PT2M' });
    await runtime.settled();

    expect((await api.get(`/cases/${invitationId}`)).json).toMatchObject({
      insight: 'done',
      sentiment: 'negative',
      topics: ['price'],
    });
    expect(await listed('topic=price&team=insight-throttled')).toEqual([interactionId]);
    expect(
      (await api.get('/metrics/topics?survey=nps&window=30d&team=insight-throttled')).json,
    ).toMatchObject({
      comments: 1,
      topics: [{ topic: 'price', mentions: 1, negative: 1 }],
    });
  });

  it('gives a comment up after its last try while Comprehend is out: failed, with its message on the dead-letter queue', async () => {
    runtime.comprehend.outage = 'unavailable';
    const deadBefore = runtime.deadLetters.length;
    const { interactionId } = await answer('insight-outage', 2, 'The product broke after two days');

    for (let attempt = 0; attempt < ANALYSIS_ATTEMPTS + 1; attempt += 1) {
      await api.post('/_local/clock', { advance: 'PT2M' });
      await runtime.settled();
    }
    runtime.comprehend.outage = null;

    expect((await api.get(`/invitations/${interactionId}`)).json.response).toMatchObject({
      insight: 'failed',
      topics: [],
    });
    const dead = runtime.deadLetters.slice(deadBefore);
    expect(dead).toEqual([expect.objectContaining({ source: 'pulse-comment-analysis' })]);
    expect((await api.get('/metrics?survey=nps&window=30d&team=insight-outage')).json).toMatchObject({
      n: 1,
    });
    expect((await api.get('/metrics/topics?survey=nps&window=30d&team=insight-outage')).json).toMatchObject({
      comments: 0,
      topics: [],
    });
  });

  it('refuses a topics query that names a wrong parameter', async () => {
    const refused = await api.get('/metrics/topics?survey=nps&window=13d');

    expect(refused.status).toBe(400);
    expect(refused.text).toContain('window');
  });
});
