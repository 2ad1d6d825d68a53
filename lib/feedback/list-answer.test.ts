import { describe, expect, it } from 'vitest';
import { freshStores, localInsight } from '../../test/support/handlers.js';
import { aHeldChange, aResponse } from '../../test/support/samples.js';
import type { Alert } from '../alerts/ports.js';
import type { Response } from '../invitations/response.js';
import { reactToAnswer } from '../reactor/react-to-answers.js';
import { DEFAULT_UNHAPPY_AT_OR_BELOW } from '../surveys/scales.js';
import { listAnswer } from './list-answer.js';
import { listResponses } from './list-responses.js';

/** The reactor with every step, over a fresh table, its alerts kept; the listing read back at `NOW`. */
const setUp = async () => {
  const stores = await freshStores();
  const published: Alert[] = [];
  const clock = { now: () => new Date('2026-11-26T10:30:00Z') };
  const caseReads: string[] = [];
  const cases = Object.assign(Object.create(stores.cases) as typeof stores.cases, {
    get: (caseId: string) => {
      caseReads.push(caseId);
      return stores.cases.get(caseId);
    },
  });
  const deps = {
    ...stores,
    cases,
    publisher: { publish: async (alert: Alert) => `sns-${published.push(alert)}` },
    clock,
    thresholds: DEFAULT_UNHAPPY_AT_OR_BELOW,
    caseUrl: (caseId: string) => `https://pulse.example.com/cases/${caseId}`,
    recoverySurvey: null,
    ...localInsight(),
  };
  const react = (before: Response | null, after: Response | null) => reactToAnswer({ before, after }, deps);
  const listed = async (query: Record<string, string> = {}) =>
    (await listResponses({ survey: 'nps', ...query }, { feedback: stores.feedback, clock })).responses;
  return { react, listed, published, caseReads };
};

/** Ana's answer changed `minutes` after her first answer. */
const changedTo = (first: Response, minutes: number, change: Partial<Response>): Response => ({
  ...first,
  ...change,
  updatedAt: new Date(Date.parse(first.answeredAt) + minutes * 60_000).toISOString(),
  changes: (first.changes ?? 0) + 1,
});

describe('listAnswer, as the reactor runs it', () => {
  it('lists a detractor with the case its alert opened', async () => {
    const { react, listed, published } = await setUp();
    const detractor = aResponse();

    const reaction = await react(null, detractor);

    expect(reaction).toMatchObject({ alert: 'published', caseId: detractor.invitationId });
    expect(published).toHaveLength(1);
    expect(await listed()).toEqual([
      expect.objectContaining({
        interactionId: 'zd-48213',
        category: 'detractor',
        caseId: detractor.invitationId,
      }),
    ]);
  });

  it('lists a happy first answer with no case, reading no case for it', async () => {
    const { react, listed, caseReads } = await setUp();

    const reaction = await react(null, aResponse({ score: 10, comment: '' }));

    expect(reaction).toEqual({ insight: null, alert: 'not-unhappy', followUps: 'none' });
    expect(caseReads).toEqual([]);
    const [entry] = await listed();
    expect(entry).toMatchObject({ score: 10, category: 'promoter', comment: null });
    expect(entry).not.toHaveProperty('caseId');
  });

  it('keeps the case of an answer that went from 3 to 9, through a change held beside it, moving it once', async () => {
    const { react, listed } = await setUp();
    const three = aResponse();
    const nine = changedTo(three, 1, { score: 9 });
    const held = { ...nine, heldChange: aHeldChange(), changes: 2 };
    await react(null, three);

    const raised = await react(three, nine);
    const keptBeside = await react(nine, held);

    expect(raised).toMatchObject({ alert: 'updated', caseId: three.invitationId });
    expect(keptBeside).toMatchObject({ alert: 'not-unhappy', caseId: three.invitationId });
    expect(await listed()).toEqual([
      expect.objectContaining({ score: 9, category: 'promoter', caseId: three.invitationId }),
    ]);
    expect(await listed({ category: 'detractor' })).toEqual([]);
  });

  it("lists the customer's language, and leaves their name, contacts and id out", async () => {
    const { react, listed } = await setUp();

    await react(null, aResponse({ locale: 'zh-CN', customerName: 'Ana', customerEmail: 'ana@example.com' }));

    const [entry] = await listed();
    expect(entry).toMatchObject({ locale: 'zh-CN' });
    expect(JSON.stringify(entry)).not.toMatch(/Ana|ana@example\.com|c-981/);
  });
});

describe('listAnswer', () => {
  /** The listing step alone over a fresh table, and Ana's NPS answers listed back by filter. */
  const setUpStep = async () => {
    const { feedback } = await freshStores();
    const clock = { now: () => new Date('2026-11-26T10:30:00Z') };
    const listed = async (query: Record<string, string>) =>
      (await listResponses({ survey: 'nps', ...query }, { feedback, clock })).responses.map(
        (entry) => entry.interactionId,
      );
    return { deps: { feedback }, listed };
  };

  it('moves an answer to where it stands, whatever the change says it was before', async () => {
    // Prepare: listed as a detractor about waiting; the change that follows knows nothing of it
    const { deps, listed } = await setUpStep();
    const three = aResponse();
    const eight = changedTo(three, 1, { score: 8 });
    await listAnswer({ before: null, after: three }, deps, { sentiment: 'negative', topics: ['waiting'] });

    // Act
    const outcome = await listAnswer({ before: null, after: eight }, deps, {});

    // Assess
    expect(outcome).toEqual({});
    expect(await listed({ category: 'detractor' })).toEqual([]);
    expect(await listed({ topic: 'waiting' })).toEqual([]);
    expect(await listed({ category: 'passive' })).toEqual(['zd-48213']);
  });

  it('takes a removed answer out of the listing', async () => {
    const { deps, listed } = await setUpStep();
    const answer = aResponse();
    await listAnswer({ before: null, after: answer }, deps, { sentiment: 'negative', topics: ['waiting'] });

    await listAnswer({ before: answer, after: null }, deps, {});

    expect(await listed({})).toEqual([]);
    expect(await listed({ sentiment: 'negative' })).toEqual([]);
  });
});
