import { beforeEach, describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { DynamoDbAlertLedger } from '../adapters/dynamodb-alert-ledger.js';
import { DynamoDbCaseStore } from '../adapters/dynamodb-case-store.js';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { Response } from '../domain/response.js';
import { DEFAULT_UNHAPPY_AT_OR_BELOW } from '../domain/survey.js';
import { acknowledgeCase, type CaseDeps, getCase, listCases, resolveCase } from './cases.js';
import type { Alert } from './ports.js';
import { type AlertDeps, alertOnUnhappyAnswer } from './publish-detractor-alerts.js';

const answer = (invitationId: string, overrides: Partial<Response> = {}): Response => ({
  invitationId,
  interactionId: `zd-${invitationId}`,
  survey: 'nps',
  score: 2,
  comment: 'the wait was awful',
  suspect: false,
  day: '2026-11-26',
  answeredAt: '2026-11-26T11:00:00.000Z',
  updatedAt: '2026-11-26T11:00:00.000Z',
  team: 'billing',
  channel: 'phone',
  touchpoint: 'support-ticket',
  customerId: 'c-1',
  customerName: 'Ana',
  ...overrides,
});

let deps: CaseDeps;
let alerts: AlertDeps;
let published: Alert[];
let now: Date;

beforeEach(async () => {
  const table = await freshTable();
  now = new Date('2026-11-26T11:00:05.000Z');
  const cases = new DynamoDbCaseStore(table.client, table.tableName);
  deps = { cases, clock: { now: () => now } };
  published = [];
  alerts = {
    ledger: new DynamoDbAlertLedger(table.client, table.tableName),
    publisher: { publish: async (alert) => String(published.push(alert)) },
    clock: { now: () => now },
    thresholds: DEFAULT_UNHAPPY_AT_OR_BELOW,
    cases,
    caseUrl: (caseId) => `https://pulse.example.com/cases/${caseId}`,
  };
});

const unhappy = async (invitationId: string, overrides: Partial<Response> = {}) => {
  await alertOnUnhappyAnswer({ before: null, after: answer(invitationId, overrides) }, alerts);
};

describe('cases', () => {
  it('opens one case per unhappy answer, linked from its one alert, however often the record is replayed', async () => {
    await unhappy('inv-1');
    await unhappy('inv-1');

    const opened = await getCase('inv-1', deps);

    expect(published).toHaveLength(1);
    expect(published[0]?.message).toContain('Case: https://pulse.example.com/cases/inv-1');
    expect(opened).toMatchObject({
      caseId: 'inv-1',
      status: 'open',
      score: 2,
      severity: 'high',
      team: 'billing',
    });
    expect((await listCases({}, deps)).cases).toHaveLength(1);
  });

  it('is acknowledged, then resolved with a reason code and a note', async () => {
    await unhappy('inv-1');

    const acknowledged = await acknowledgeCase('inv-1', { by: 'lead@example.com' }, deps);
    now = new Date('2026-11-26T12:00:00.000Z');
    const resolved = await resolveCase(
      'inv-1',
      { reason: 'called-back', note: '  Refunded the fee. ' },
      deps,
    );

    expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'lead@example.com' });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-11-26T12:00:00.000Z',
      resolution: { reason: 'called-back', note: 'Refunded the fee.' },
    });
    expect((await listCases({ status: 'resolved' }, deps)).cases).toEqual([resolved]);
  });

  it('says why a move is refused: unknown case, resolved twice, acknowledged after resolving, a bad reason', async () => {
    await unhappy('inv-1');
    await resolveCase('inv-1', { reason: 'issue-fixed' }, deps);

    await expect(getCase('nope', deps)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveCase('inv-1', { reason: 'issue-fixed' }, deps)).rejects.toThrow(
      new ConflictError('case inv-1 is resolved, so it cannot be resolved'),
    );
    await expect(acknowledgeCase('inv-1', {}, deps)).rejects.toBeInstanceOf(ConflictError);
    const bad = await resolveCase('inv-1', { reason: 'fixed it' }, deps).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).issues).toEqual([
      { field: 'reason', message: expect.stringMatching(/^must be one of called-back/) },
    ]);
  });

  it('leaves one consistent case when two leads acknowledge at once', async () => {
    await unhappy('inv-1');

    const outcomes = await Promise.allSettled([
      acknowledgeCase('inv-1', { by: 'a@example.com' }, deps),
      acknowledgeCase('inv-1', { by: 'b@example.com' }, deps),
    ]);

    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((o) => (o as PromiseRejectedResult).reason)).toEqual([expect.any(ConflictError)]);
    const kept = await getCase('inv-1', deps);
    expect(kept.acknowledgedBy).toBe(
      (won[0] as PromiseFulfilledResult<{ acknowledgedBy: string }>).value.acknowledgedBy,
    );
    expect((await listCases({}, deps)).cases[0]).toEqual(kept);
  });

  it('lists the newest first, by status and team, and names a wrong filter', async () => {
    await unhappy('inv-1', { team: 'billing' });
    now = new Date('2026-11-26T11:05:00.000Z');
    await unhappy('inv-2', { team: 'shipping' });
    now = new Date('2026-11-26T11:10:00.000Z');
    await unhappy('inv-3', { team: 'billing' });
    await acknowledgeCase('inv-3', {}, deps);

    const ids = (page: { cases: { caseId: string }[] }) => page.cases.map((c) => c.caseId);
    expect(ids(await listCases({}, deps))).toEqual(['inv-3', 'inv-2', 'inv-1']);
    expect(ids(await listCases({ team: 'billing', status: 'open' }, deps))).toEqual(['inv-1']);
    const first = await listCases({ limit: '2' }, deps);
    expect(ids(first)).toEqual(['inv-3', 'inv-2']);
    const second = await listCases({ limit: '2', after: first.next }, deps);
    expect(ids(second)).toEqual(['inv-1']);
    expect(second.next).toBeUndefined();
    await expect(listCases({ status: 'closed' }, deps)).rejects.toThrow(
      /status: must be one of open, acknowledged, resolved/,
    );
  });
});
