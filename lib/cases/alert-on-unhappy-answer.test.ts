import { describe, expect, it } from 'vitest';
import type { Alert, AlertLedger, AlertPublisher } from '../alerts/ports.js';
import type { Response } from '../invitations/response.js';
import { DEFAULT_UNHAPPY_AT_OR_BELOW } from '../surveys/scales.js';
import { type AlertDeps, alertOnUnhappyAnswer } from './alert-on-unhappy-answer.js';

/** Same rule as the DynamoDB ledger: a claim wins unless the alert was already published. */
class InMemoryAlertLedger implements AlertLedger {
  readonly entries = new Map<string, { status: 'publishing' | 'published'; messageId?: string }>();

  async claim(dedupeKey: string): Promise<boolean> {
    if (this.entries.get(dedupeKey)?.status === 'published') return false;
    this.entries.set(dedupeKey, { status: 'publishing' });
    return true;
  }

  async markPublished(dedupeKey: string, messageId: string): Promise<void> {
    this.entries.set(dedupeKey, { status: 'published', messageId });
  }
}

class RecordingPublisher implements AlertPublisher {
  readonly published: Alert[] = [];
  failWith: Error | undefined;

  async publish(alert: Alert): Promise<string> {
    if (this.failWith) throw this.failWith;
    this.published.push(alert);
    return `sns-${this.published.length}`;
  }
}

const response = (overrides: Partial<Response> = {}): Response => ({
  invitationId: 'inv-1',
  interactionId: 'zd-48213',
  survey: 'nps',
  score: 3,
  comment: 'The wait was awful',
  suspect: false,
  day: '2026-11-26',
  answeredAt: '2026-11-26T10:30:00.000Z',
  updatedAt: '2026-11-26T10:30:00.000Z',
  team: 'billing',
  channel: 'phone',
  touchpoint: 'support-ticket',
  agent: 'agent-7',
  customerId: 'c-981',
  customerName: 'Ana',
  customerEmail: 'ana@example.com',
  ...overrides,
});

const setUp = (thresholds = DEFAULT_UNHAPPY_AT_OR_BELOW) => {
  const ledger = new InMemoryAlertLedger();
  const publisher = new RecordingPublisher();
  const deps: AlertDeps = {
    ledger,
    publisher,
    clock: { now: () => new Date('2026-11-26T10:30:01.000Z') },
    thresholds,
  };
  return { deps, ledger, publisher };
};

describe('alertOnUnhappyAnswer', () => {
  it('publishes an alert for a new unhappy answer with routing attributes', async () => {
    // Prepare
    const { deps, ledger, publisher } = setUp();

    // Act
    const outcome = await alertOnUnhappyAnswer({ before: null, after: response({ score: 3 }) }, deps);

    // Assess
    expect(outcome).toBe('published');
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]).toMatchObject({
      dedupeKey: 'detractor#inv-1',
      attributes: {
        survey: 'nps',
        score: 3,
        severity: 'high',
        team: 'billing',
        agent: 'agent-7',
        touchpoint: 'support-ticket',
        channel: 'phone',
      },
    });
    expect(publisher.published[0]?.message).toContain('The wait was awful');
    expect(ledger.entries.get('detractor#inv-1')).toEqual({ status: 'published', messageId: 'sns-1' });
  });

  it('publishes once per invitation however often the record is delivered', async () => {
    // Prepare
    const { deps, publisher } = setUp();
    const transition = { before: null, after: response({ score: 0 }) };

    // Act
    const outcomes = [];
    for (let delivery = 0; delivery < 3; delivery += 1)
      outcomes.push(await alertOnUnhappyAnswer(transition, deps));

    // Assess
    expect(outcomes).toEqual(['published', 'already-alerted', 'already-alerted']);
    expect(publisher.published).toHaveLength(1);
  });

  it.each([
    ['nps', 7],
    ['nps', 10],
    ['csat', 3],
    ['ces', 4],
  ] as const)('does not publish for a happy %s answer of %i', async (survey, score) => {
    // Prepare
    const { deps, publisher } = setUp();

    // Act
    const outcome = await alertOnUnhappyAnswer({ before: null, after: response({ survey, score }) }, deps);

    // Assess
    expect(outcome).toBe('not-unhappy');
    expect(publisher.published).toEqual([]);
  });

  it('does not publish for a suspect answer', async () => {
    // Prepare
    const { deps, publisher } = setUp();

    // Act
    const outcome = await alertOnUnhappyAnswer({ before: null, after: response({ suspect: true }) }, deps);

    // Assess
    expect(outcome).toBe('not-unhappy');
    expect(publisher.published).toEqual([]);
  });

  it('publishes when a suspect unhappy answer is released', async () => {
    // Prepare
    const { deps, publisher } = setUp();
    await alertOnUnhappyAnswer({ before: null, after: response({ suspect: true }) }, deps);

    // Act
    const outcome = await alertOnUnhappyAnswer(
      { before: response({ suspect: true }), after: response({ suspect: false }) },
      deps,
    );

    // Assess
    expect(outcome).toBe('published');
    expect(publisher.published).toHaveLength(1);
  });

  it('publishes when an answer changes down into the unhappy range', async () => {
    // Prepare
    const { deps, publisher } = setUp();

    // Act
    const outcome = await alertOnUnhappyAnswer(
      { before: response({ score: 9 }), after: response({ score: 4 }) },
      deps,
    );

    // Assess
    expect(outcome).toBe('published');
    expect(publisher.published[0]?.attributes.score).toBe(4);
  });

  it('does not publish again when an unhappy answer changes from 3 to 2', async () => {
    // Prepare
    const { deps, publisher } = setUp();
    await alertOnUnhappyAnswer({ before: null, after: response({ score: 3 }) }, deps);

    // Act
    const outcome = await alertOnUnhappyAnswer(
      { before: response({ score: 3 }), after: response({ score: 2 }) },
      deps,
    );

    // Assess
    expect(outcome).toBe('already-alerted');
    expect(publisher.published).toHaveLength(1);
  });

  it('does not publish a second time after an answer goes happy and unhappy again', async () => {
    // Prepare
    const { deps, publisher } = setUp();
    await alertOnUnhappyAnswer({ before: null, after: response({ score: 3 }) }, deps);
    await alertOnUnhappyAnswer({ before: response({ score: 3 }), after: response({ score: 9 }) }, deps);

    // Act
    const outcome = await alertOnUnhappyAnswer(
      { before: response({ score: 9 }), after: response({ score: 1 }) },
      deps,
    );

    // Assess
    expect(outcome).toBe('already-alerted');
    expect(publisher.published).toHaveLength(1);
  });

  it('does not publish for a deletion', async () => {
    // Prepare
    const { deps, publisher } = setUp();

    // Act
    const outcome = await alertOnUnhappyAnswer({ before: response({ score: 1 }), after: null }, deps);

    // Assess
    expect(outcome).toBe('not-unhappy');
    expect(publisher.published).toEqual([]);
  });

  it('follows custom thresholds', async () => {
    // Prepare
    const { deps, publisher } = setUp({ nps: 8, csat: 2, ces: 3 });

    // Act
    const outcome = await alertOnUnhappyAnswer({ before: null, after: response({ score: 8 }) }, deps);

    // Assess
    expect(outcome).toBe('published');
    expect(publisher.published).toHaveLength(1);
  });

  it('publishes on a retry after the publisher failed', async () => {
    // Prepare
    const { deps, publisher } = setUp();
    const transition = { before: null, after: response({ score: 2 }) };
    publisher.failWith = new Error('SNS unavailable');
    const failed = await alertOnUnhappyAnswer(transition, deps).catch((error: unknown) => error);
    publisher.failWith = undefined;

    // Act
    const outcome = await alertOnUnhappyAnswer(transition, deps);

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(outcome).toBe('published');
    expect(publisher.published).toHaveLength(1);
  });

  it('alerts each invitation separately', async () => {
    // Prepare
    const { deps, publisher } = setUp();

    // Act
    await alertOnUnhappyAnswer({ before: null, after: response({ invitationId: 'inv-1' }) }, deps);
    await alertOnUnhappyAnswer({ before: null, after: response({ invitationId: 'inv-2' }) }, deps);

    // Assess
    expect(publisher.published.map((alert) => alert.dedupeKey)).toEqual([
      'detractor#inv-1',
      'detractor#inv-2',
    ]);
  });
});
