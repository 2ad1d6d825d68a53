import { describe, expect, it } from 'vitest';
import type { ComprehendTwin } from '../../infra/local/comprehend.js';
import { freshStores, localInsight } from '../../test/support/handlers.js';
import { aResponse } from '../../test/support/samples.js';
import type { Response } from '../invitations/response.js';
import { giveUpAnalysis, labelComment, retryAnalysis } from './label-comment.js';
import { commentDigestOf } from './labels.js';

/** Labelling over a fresh table with the local twin of Comprehend, whose calls are counted. */
const setUp = async () => {
  const stores = await freshStores();
  const twin: ComprehendTwin = { outage: null };
  const insight = localInsight(twin);
  const detected: string[] = [];
  const sentiment = {
    detect: (text: string, language: string | undefined) => {
      detected.push(text);
      return insight.sentiment.detect(text, language);
    },
  };
  const deps = { ...stores, ...insight, sentiment };
  const label = (before: Response | null, after: Response | null) => labelComment({ before, after }, deps);
  return { ...stores, deps, twin, detected, retried: insight.retried, label };
};

describe('labelComment', () => {
  it('labels a new comment beside its answer, with the score and segments it is counted with', async () => {
    const { label, labels } = await setUp();
    const answer = aResponse({ score: 2, comment: 'The wait was awful, 40 minutes on hold.' });

    const reaction = await label(null, answer);

    expect(reaction).toEqual({ insight: { status: 'done', sentiment: 'negative', topics: ['waiting'] } });
    expect(await labels.get(answer.invitationId)).toEqual({
      invitationId: answer.invitationId,
      survey: 'nps',
      day: answer.day,
      score: 2,
      team: answer.team,
      channel: answer.channel,
      touchpoint: answer.touchpoint,
      ...(answer.agent ? { agent: answer.agent } : {}),
      status: 'done',
      sentiment: 'negative',
      topics: ['waiting'],
      commentDigest: commentDigestOf(answer.comment),
    });
  });

  it('labels a Chinese comment, colloquial phrases and all', async () => {
    const { label } = await setUp();

    const reaction = await label(
      null,
      aResponse({ comment: '等了半天才有人接，客服态度也差', locale: 'zh-CN' }),
    );

    expect(reaction.insight).toMatchObject({ status: 'done', sentiment: 'negative' });
    expect(reaction.insight?.topics.sort()).toEqual(['staff', 'waiting']);
  });

  it('writes no labels for an answer without a comment, and takes them away when the comment is removed', async () => {
    const { label, labels } = await setUp();
    const silent = aResponse({ comment: '' });

    expect(await label(null, silent)).toEqual({ insight: null });
    expect(await labels.get(silent.invitationId)).toBeNull();

    const commented = { ...silent, comment: 'nobody called back' };
    await label(silent, commented);
    expect(await labels.get(silent.invitationId)).toMatchObject({ status: 'done' });
    expect(await label(commented, { ...commented, comment: '  ' })).toEqual({ insight: null });
    expect(await labels.get(silent.invitationId)).toBeNull();
  });

  it('analyses a comment once: a changed score moves what its labels count with, a changed comment is analysed again', async () => {
    const { label, labels, detected } = await setUp();
    const first = aResponse({ score: 3, comment: 'the agent was rude' });
    await label(null, first);
    const rescored = { ...first, score: 9 };

    await label(first, rescored);

    expect(detected).toEqual(['the agent was rude']);
    expect(await labels.get(first.invitationId)).toMatchObject({ score: 9, topics: ['staff'] });

    const reworded = { ...rescored, comment: 'the agent was kind and it is fixed now' };
    const reaction = await label(rescored, reworded);

    expect(detected).toHaveLength(2);
    expect(reaction.insight).toMatchObject({ status: 'done', sentiment: 'positive' });
    expect(await labels.get(first.invitationId)).toMatchObject({
      commentDigest: commentDigestOf(reworded.comment),
      sentiment: 'positive',
    });
  });

  it('leaves a suspect answer unanalysed until it is released, and counts its labels nowhere meanwhile', async () => {
    const { label, labels, detected } = await setUp();
    const suspect = aResponse({ suspect: true, comment: 'too expensive' });

    expect(await label(null, suspect)).toEqual({});
    expect(detected).toEqual([]);

    await label(suspect, { ...suspect, suspect: false });
    expect(await labels.get(suspect.invitationId)).toMatchObject({
      status: 'done',
      topics: ['price'],
      score: 3,
    });
  });

  it('takes the labels away with a removed answer', async () => {
    const { label, labels } = await setUp();
    const answer = aResponse({ comment: 'the parcel never arrived' });
    await label(null, answer);

    await label(answer, null);

    expect(await labels.get(answer.invitationId)).toBeNull();
  });

  it.each([
    ['emoji only', '😡😡😡'],
    ['a single character', 'x'],
    ['another language', 'Ужасное обслуживание, никто не перезвонил'],
    ['2,000 characters', `${'The delivery was late again and again. '.repeat(51)}`.slice(0, 2000)],
    ['mixed English and Chinese', 'The 客服 was great but 快递 took forever'],
    ['markup and a script', '<b>bad</b> <script>alert("x")</script> &amp; the wait was long'],
    ['a lone surrogate', 'broken \ud800 text, the price is too high'],
  ])('labels %s without failing', async (_case, comment) => {
    const { label } = await setUp();

    const reaction = await label(null, aResponse({ comment }));

    expect(reaction.insight?.status).toBe('done');
    expect(['positive', 'neutral', 'negative', 'mixed']).toContain(reaction.insight?.sentiment);
  });

  it('finds no topic in a comment that names none', async () => {
    const { label } = await setUp();

    for (const comment of ['😡😡😡', 'x', 'ok']) {
      expect((await label(null, aResponse({ comment }))).insight?.topics).toEqual([]);
    }
  });
});

describe('a comment whose analysis is put off', () => {
  it('keeps its labels pending with the topics found, queues it, and settles it when the analyser is back', async () => {
    const { label, labels, twin, retried, deps } = await setUp();
    const answer = await deps.responses.save(aResponse({ comment: 'the wait was awful' }));
    twin.outage = 'throttling';

    const reaction = await label(null, answer);

    expect(reaction).toEqual({ insight: { status: 'pending', topics: ['waiting'] } });
    expect(await labels.get(answer.invitationId)).toMatchObject({ status: 'pending', topics: ['waiting'] });
    expect(retried).toEqual([
      { invitationId: answer.invitationId, commentDigest: commentDigestOf(answer.comment) },
    ]);

    await expect(retryAnalysis(answer.invitationId, commentDigestOf(answer.comment), deps)).rejects.toThrow();
    expect((await labels.get(answer.invitationId))?.status).toBe('pending');

    twin.outage = null;
    expect(await retryAnalysis(answer.invitationId, commentDigestOf(answer.comment), deps)).toBe('done');
    const settled = await labels.get(answer.invitationId);
    expect(settled).toMatchObject({ status: 'done', sentiment: 'negative', topics: ['waiting'] });
    expect(settled?.reason).toBeUndefined();

    // A second message of the same comment (a replayed record queued it twice) finds nothing to do.
    expect(await retryAnalysis(answer.invitationId, commentDigestOf(answer.comment), deps)).toBe('moved-on');
  });

  it('tries the pending comment again at once when its change is replayed', async () => {
    const { label, labels, twin, detected } = await setUp();
    const answer = aResponse({ comment: 'the wait was awful' });
    twin.outage = 'unavailable';
    await label(null, answer);
    twin.outage = null;

    await label(null, answer);

    expect(detected).toHaveLength(2);
    expect(await labels.get(answer.invitationId)).toMatchObject({ status: 'done' });
  });

  it('leaves labels alone when the comment changed meanwhile', async () => {
    const { label, labels, twin, deps } = await setUp();
    const answer = aResponse({ comment: 'the wait was awful' });
    twin.outage = 'throttling';
    await label(null, answer);
    const changed = { ...answer, comment: 'too expensive' };
    await deps.responses.save(changed);
    twin.outage = null;
    await label(answer, changed);

    expect(await retryAnalysis(answer.invitationId, commentDigestOf(answer.comment), deps)).toBe('moved-on');
    expect(await labels.get(answer.invitationId)).toMatchObject({ status: 'done', topics: ['price'] });
  });

  it('does not count a settled analysis with the score it had before the answer changed', async () => {
    const { label, labels, twin } = await setUp();
    const answer = aResponse({ score: 3, comment: 'the wait was awful' });
    twin.outage = 'throttling';
    await label(null, answer);
    const pending = await labels.get(answer.invitationId);
    // The answer changed its score while the retry was on its way: the labels now count with 9.
    await label(answer, { ...answer, score: 9 });
    twin.outage = null;

    expect(
      await labels.settle({
        ...(pending as NonNullable<typeof pending>),
        status: 'done',
        sentiment: 'negative',
      }),
    ).toBe(false);
    expect(await labels.get(answer.invitationId)).toMatchObject({ score: 9, status: 'pending' });
  });

  it('gives up after its last try: failed, with the reason, and counted nowhere', async () => {
    const { label, labels, twin, deps } = await setUp();
    const answer = aResponse({ comment: 'the wait was awful' });
    twin.outage = 'unavailable';
    await label(null, answer);

    await giveUpAnalysis(
      answer.invitationId,
      commentDigestOf(answer.comment),
      new Error('Comprehend is out'),
      deps,
    );

    expect(await labels.get(answer.invitationId)).toMatchObject({
      status: 'failed',
      reason: 'Comprehend is out',
    });
  });
});
