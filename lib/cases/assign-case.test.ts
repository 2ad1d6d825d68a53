import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { raceWrites } from '../../test/support/race.js';
import { aCase, INVITATION_ID as CASE_ID } from '../../test/support/samples.js';
import { ConflictError, ValidationError } from '../platform/errors.js';
import type { Lead } from '../settings/access.js';
import { type AssignDeps, assignCase } from './assign-case.js';
import { acknowledgeCase, getCase } from './cases.js';
import { DynamoDbCaseStore } from './dynamodb-case-store.js';

/** The stage's leads: two of every team, one kept to returns. */
const LEADS: Lead[] = [
  { email: 'Priya.Shah@example.com' },
  { email: 'lee.wong@example.com', timeZone: 'Asia/Shanghai' },
  { email: 'returns.lead@example.com', teams: ['returns'] },
];

let table: Awaited<ReturnType<typeof freshTable>>;
let deps: AssignDeps;
let now: Date;

beforeEach(async () => {
  table = await freshTable();
  now = new Date('2026-11-26T10:18:00.000Z');
  deps = {
    cases: new DynamoDbCaseStore(table.client, table.tableName),
    clock: { now: () => now },
    leads: LEADS,
  };
  // Ana's billing case, opened at 10:15:03.
  await deps.cases.open(aCase());
});

const refusal = (error: unknown) => (error as ValidationError).issues;

describe('assignCase', () => {
  it('assigns the case to a lead, as the stage spells their email, and leaves it open', async () => {
    const assigned = await assignCase(
      CASE_ID,
      { assignee: 'priya.shah@EXAMPLE.com', by: 'lee.wong@example.com' },
      deps,
    );

    expect(assigned).toMatchObject({
      status: 'open',
      assignee: 'Priya.Shah@example.com',
      assignedAt: '2026-11-26T10:18:00.000Z',
      assignedBy: 'lee.wong@example.com',
    });
    expect(assigned.acknowledgedAt).toBeUndefined();
    expect(assigned.timeline?.at(-1)).toEqual({
      kind: 'assigned',
      at: '2026-11-26T10:18:00.000Z',
      by: 'lee.wong@example.com',
      assignee: 'Priya.Shah@example.com',
    });
  });

  it('reassigns and unassigns, by null or an empty string, each on the timeline with whom it had', async () => {
    await assignCase(CASE_ID, { assignee: 'lee.wong@example.com' }, deps);
    await acknowledgeCase(CASE_ID, { by: 'lee.wong@example.com' }, deps);

    now = new Date('2026-11-26T10:30:00.000Z');
    const reassigned = await assignCase(CASE_ID, { assignee: 'priya.shah@example.com' }, deps);
    const unassigned = await assignCase(CASE_ID, { assignee: null }, deps);
    await assignCase(CASE_ID, { assignee: 'lee.wong@example.com' }, deps);
    const emptied = await assignCase(CASE_ID, { assignee: ' ' }, deps);

    expect(reassigned).toMatchObject({ status: 'acknowledged', assignee: 'Priya.Shah@example.com' });
    for (const field of ['assignee', 'assignedAt', 'assignedBy'] as const) {
      expect(unassigned[field]).toBeUndefined();
      expect(emptied[field]).toBeUndefined();
    }
    expect(emptied.timeline?.slice(3)).toEqual([
      expect.objectContaining({
        kind: 'assigned',
        assignee: 'Priya.Shah@example.com',
        previousAssignee: 'lee.wong@example.com',
      }),
      expect.objectContaining({ kind: 'unassigned', previousAssignee: 'Priya.Shah@example.com' }),
      expect.objectContaining({ kind: 'assigned', assignee: 'lee.wong@example.com' }),
      expect.objectContaining({ kind: 'unassigned', previousAssignee: 'lee.wong@example.com' }),
    ]);
  });

  it('writes nothing when the case has the assignee asked for already, or none when none is', async () => {
    const first = await assignCase(CASE_ID, { assignee: 'lee.wong@example.com' }, deps);

    const again = await assignCase(CASE_ID, { assignee: 'LEE.WONG@example.com' }, deps);

    expect(again).toEqual(first);
    await assignCase(CASE_ID, { assignee: null }, deps);
    const stillNone = await assignCase(CASE_ID, { assignee: null }, deps);
    expect(stillNone.timeline?.map((entry) => entry.kind)).toEqual(['opened', 'assigned', 'unassigned']);
  });

  it.each([
    ['nobody', {}, 'is required'],
    ['someone not among the leads', { assignee: 'ana@example.com' }, "must be one of the stage's leads"],
    ['not an email or null', { assignee: 7 }, "must be a lead's email, or null"],
    [
      'a lead kept to other teams',
      { assignee: 'returns.lead@example.com' },
      'must be a lead who works team billing; returns.lead@example.com does not',
    ],
  ])('refuses to assign %s, naming the assignee', async (_, input, message) => {
    const refused = await assignCase(CASE_ID, input, deps).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ValidationError);
    expect(refusal(refused)).toEqual([{ field: 'assignee', message }]);
    expect((await getCase(CASE_ID, deps)).assignee).toBeUndefined();
  });

  it('refuses (409) to assign a resolved case', async () => {
    await deps.cases.transition(CASE_ID, 'open', 'resolved', { resolvedAt: now.toISOString() });

    await expect(assignCase(CASE_ID, { assignee: 'lee.wong@example.com' }, deps)).rejects.toThrow(
      new ConflictError(`case ${CASE_ID} is resolved, so it cannot be assigned`),
    );
  });

  it('assigns once when two leads assign it at once, both having read it, and tells the other to whom', async () => {
    const race = raceWrites(table.client, (command) => command instanceof TransactWriteItemsCommand);
    const racing = { ...deps, cases: new DynamoDbCaseStore(race.client, table.tableName) };

    const outcomes = await Promise.allSettled([
      assignCase(CASE_ID, { assignee: 'lee.wong@example.com' }, racing),
      assignCase(CASE_ID, { assignee: 'priya.shah@example.com' }, racing),
    ]);

    // Whichever write reaches the table first wins; the other is told to whom, whatever the order.
    expect(race.outcomes).toEqual(['written', 'refused']);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = outcomes[0]?.status === 'fulfilled' ? 'lee.wong@example.com' : 'Priya.Shah@example.com';
    const lost = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(lost?.reason).toEqual(
      new ConflictError(`case ${CASE_ID} was just assigned to ${winner} by someone else`),
    );
    expect((await getCase(CASE_ID, deps)).assignee).toBe(winner);
  });

  it('assigns over an acknowledgement made at the same time, both kept', async () => {
    const race = raceWrites(table.client, (command) => command instanceof TransactWriteItemsCommand);
    const racing = { ...deps, cases: new DynamoDbCaseStore(race.client, table.tableName) };

    const outcomes = await Promise.allSettled([
      acknowledgeCase(CASE_ID, { by: 'priya.shah@example.com' }, racing),
      assignCase(CASE_ID, { assignee: 'priya.shah@example.com' }, racing),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await getCase(CASE_ID, deps)).toMatchObject({
      status: 'acknowledged',
      assignee: 'Priya.Shah@example.com',
    });
  });
});
