import { describe, expect, it } from 'vitest';
import type { Alert } from '../lib/alerts/ports.js';
import { CaseSlaSchema } from '../lib/cases/case.js';
import { recordAnswerChange } from '../lib/cases/update-case.js';
import { freshStores } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { aCase, aResponse } from '../test/support/samples.js';
import { createHandler } from './escalate-cases.js';

/** The case of an unhappy answer of `score`, opened at `openedAt`. */
const unhappyCase = (caseId: string, score: number, openedAt: string) =>
  aCase({ invitationId: caseId, interactionId: `zd-${caseId}`, score, openedAt });

const setup = async () => {
  const { cases, ledger } = await freshStores();
  const published: Alert[] = [];
  const deps = {
    cases,
    ledger,
    publisher: { publish: async (alert: Alert) => `sns-${published.push(alert)}` },
    clock: clockAt('2026-11-26T12:00:00Z'),
    sla: CaseSlaSchema.parse({}),
    caseUrl: (caseId: string) => `https://pulse.example.com/cases/${caseId}`,
  };
  return { handler: createHandler(deps), deps, cases, published };
};

describe('escalate-cases', () => {
  it('escalates, once, a high-severity case left unacknowledged past its hour', async () => {
    const { handler, cases, published } = await setup();
    await cases.open(unhappyCase('overdue', 2, '2026-11-26T10:59:00Z'));
    await cases.open(unhappyCase('recent', 2, '2026-11-26T11:30:00Z'));

    const first = await handler(loadEvent('eventbridge/scheduled.json'), context());
    const again = await handler(loadEvent('eventbridge/scheduled.json'), context());

    expect([first, again]).toEqual([
      { escalated: 1, updatesSent: 0 },
      { escalated: 0, updatesSent: 0 },
    ]);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      subject: expect.stringMatching(/^Unacknowledged for 1 h: NPS 2\/10/),
      attributes: { kind: 'escalation', severity: 'high', team: 'billing' },
    });
    expect(published[0]?.message).toContain('https://pulse.example.com/cases/overdue');
    expect((await cases.get('overdue'))?.escalatedAt).toBe('2026-11-26T12:00:00.000Z');
  });

  it('sends, once, the update of a case whose customer changed their answer within the window of the last one', async () => {
    const { handler, deps, cases, published } = await setup();
    await cases.open(unhappyCase('changed', 2, '2026-11-26T11:50:00Z'));
    const answered = { invitationId: 'changed', interactionId: 'zd-changed', score: 2 };
    const at11 = { ...deps, clock: clockAt('2026-11-26T11:51:00Z') };
    await recordAnswerChange(
      aResponse({ ...answered, comment: 'slow', updatedAt: '2026-11-26T11:51:00Z' }),
      at11,
    );
    await recordAnswerChange(
      aResponse({ ...answered, comment: 'slow!', updatedAt: '2026-11-26T11:52:00Z' }),
      at11,
    );

    const first = await handler(loadEvent('eventbridge/scheduled.json'), context());
    const again = await handler(loadEvent('eventbridge/scheduled.json'), context());

    expect([first, again]).toEqual([
      { escalated: 0, updatesSent: 1 },
      { escalated: 0, updatesSent: 0 },
    ]);
    expect(published.map((alert) => alert.dedupeKey)).toEqual([
      'update#changed#2026-11-26T11:51:00Z',
      'update#changed#2026-11-26T11:52:00Z',
    ]);
  });

  it('leaves an acknowledged case alone, however old', async () => {
    const { handler, cases, published } = await setup();
    await cases.open(unhappyCase('taken', 1, '2026-11-26T08:00:00Z'));
    await cases.transition('taken', 'open', 'acknowledged', { acknowledgedBy: 'priya.shah@example.com' });

    const result = await handler(loadEvent('eventbridge/scheduled.json'), context());

    expect(result).toEqual({ escalated: 0, updatesSent: 0 });
    expect(published).toEqual([]);
  });
});
