import { beforeEach, describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { DynamoDbAlertLedger } from '../alerts/dynamodb-alert-ledger.js';
import type { Alert } from '../alerts/ports.js';
import type { Response } from '../invitations/response.js';
import { type Case, CaseSlaSchema, caseOf } from './case.js';
import { acknowledgeCase, reopenCase } from './cases.js';
import { DynamoDbCaseStore } from './dynamodb-case-store.js';
import { type EscalationDeps, escalateOverdueCases } from './escalate-cases.js';

const answer = (invitationId: string, score: number): Response => ({
  invitationId,
  interactionId: `zd-${invitationId}`,
  survey: 'nps',
  score,
  comment: 'no one called back',
  suspect: false,
  day: '2026-11-26',
  answeredAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
  team: 'billing',
  channel: 'phone',
  touchpoint: 'support-ticket',
  customerId: 'c-1',
  customerPhone: '+14155550100',
});

let deps: EscalationDeps;
let published: Alert[];
let now: Date;
const open = async (opened: Case) => deps.cases.open(opened);

beforeEach(async () => {
  const { client, tableName } = await freshTable();
  published = [];
  now = new Date('2026-11-26T10:00:00.000Z');
  deps = {
    cases: new DynamoDbCaseStore(client, tableName),
    ledger: new DynamoDbAlertLedger(client, tableName),
    publisher: { publish: async (alert) => String(published.push(alert)) },
    clock: { now: () => now },
    sla: CaseSlaSchema.parse({}),
    caseUrl: (caseId) => `https://pulse.example.com/cases/${caseId}`,
  };
});

describe('escalateOverdueCases', () => {
  it('escalates an unacknowledged case once its severity SLA has passed, once', async () => {
    // Prepare: a high-severity case (score 2) and a medium one (score 5), opened at 10:00.
    await open(caseOf(answer('high-1', 2), now));
    await open(caseOf(answer('medium-1', 5), now));

    // Act
    now = new Date('2026-11-26T10:59:00.000Z');
    const early = await escalateOverdueCases(deps);
    now = new Date('2026-11-26T11:00:00.000Z');
    const atHighSla = await escalateOverdueCases(deps);
    const again = await escalateOverdueCases(deps);
    now = new Date('2026-11-26T14:00:00.000Z');
    const atMediumSla = await escalateOverdueCases(deps);

    // Assess
    expect([early, atHighSla, again, atMediumSla]).toEqual([0, 1, 0, 1]);
    expect(published.map((alert) => alert.attributes.kind)).toEqual(['escalation', 'escalation']);
    expect(published[0]).toMatchObject({
      subject: expect.stringMatching(/^Unacknowledged for 1 h: NPS 2\/10/),
      attributes: { severity: 'high', team: 'billing', survey: 'nps', score: 2 },
    });
    expect(published[0]?.message).toContain('Case: https://pulse.example.com/cases/high-1');
    expect(published[1]?.subject).toMatch(/^Unacknowledged for 4 h/);
    expect((await deps.cases.get('high-1'))?.escalatedAt).toBe('2026-11-26T11:00:00.000Z');
  });

  it('escalates a reopened case again, a new opening, once its SLA has passed since it was reopened', async () => {
    // Prepare: escalated at 11:00, then resolved; reopened at 13:00
    await open(caseOf(answer('high-1', 2), now));
    now = new Date('2026-11-26T11:00:00.000Z');
    await escalateOverdueCases(deps);
    await deps.cases.transition('high-1', 'open', 'resolved', { resolvedAt: now.toISOString() });
    now = new Date('2026-11-26T13:00:00.000Z');
    await reopenCase('high-1', { by: 'lead@example.com' }, deps);

    // Act
    now = new Date('2026-11-26T13:59:00.000Z');
    const early = await escalateOverdueCases(deps);
    now = new Date('2026-11-26T14:00:00.000Z');
    const atSla = await escalateOverdueCases(deps);
    const again = await escalateOverdueCases(deps);

    // Assess
    expect([early, atSla, again]).toEqual([0, 1, 0]);
    expect(published.map((alert) => alert.dedupeKey)).toEqual([
      'escalation#high-1',
      'escalation#high-1#2026-11-26T13:00:00.000Z',
    ]);
    expect(published[1]?.message).toContain(
      'Reopened: 2026-11-26T13:00:00.000Z (first opened 2026-11-26T10:00:00.000Z)',
    );
    const kept = await deps.cases.get('high-1');
    expect(kept?.escalatedAt).toBe('2026-11-26T14:00:00.000Z');
    expect(kept?.timeline?.map((entry) => `${entry.kind} ${entry.at.slice(11, 16)}`)).toEqual([
      'opened 10:00',
      'escalated 11:00',
      'reopened 13:00',
      'escalated 14:00',
    ]);
  });

  it('leaves alone a case acknowledged within its SLA', async () => {
    await open(caseOf(answer('high-2', 1), now));
    now = new Date('2026-11-26T10:30:00.000Z');
    await acknowledgeCase('high-2', { by: 'lead@example.com' }, deps);

    now = new Date('2026-11-26T12:00:00.000Z');

    expect(await escalateOverdueCases(deps)).toBe(0);
    expect(published).toEqual([]);
  });

  it('escalates every other overdue case when one cannot be, then fails naming that one', async () => {
    // Prepare: three overdue cases; the publisher refuses the alert of the middle one.
    for (const id of ['high-a', 'high-b', 'high-c']) await open(caseOf(answer(id, 1), now));
    const publish = deps.publisher.publish;
    deps.publisher = {
      publish: async (alert) => {
        if (alert.message.includes('/cases/high-b')) throw new Error('URI malformed');
        return publish(alert);
      },
    };
    now = new Date('2026-11-26T12:00:00.000Z');

    // Act
    const failure = await escalateOverdueCases(deps).catch((error: unknown) => error);

    // Assess: the run fails with the case and its reason; the others went out and are marked.
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as Error).message).toBe('1 of 3 overdue cases failed (high-b: URI malformed)');
    expect(published.map((alert) => alert.message.match(/cases\/(high-\w)/)?.[1]).sort()).toEqual([
      'high-a',
      'high-c',
    ]);
    expect((await deps.cases.get('high-c'))?.escalatedAt).toBe('2026-11-26T12:00:00.000Z');
    expect((await deps.cases.get('high-b'))?.escalatedAt).toBeUndefined();
  });
});
