import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { openPolicy, RecordingSendQueue } from '../../test/support/in-memory.js';
import { raceWrites } from '../../test/support/race.js';
import { DynamoDbAlertLedger } from '../alerts/dynamodb-alert-ledger.js';
import type { Alert } from '../alerts/ports.js';
import { DynamoDbContactLedger } from '../contacts/dynamodb-contact-ledger.js';
import { DynamoDbPersonIndex } from '../contacts/dynamodb-person-index.js';
import { type AcceptInteractionDeps, acceptInteraction } from '../invitations/accept-interaction.js';
import { DynamoDbInvitationStore } from '../invitations/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../invitations/dynamodb-response-store.js';
import { invitationIdOf } from '../invitations/link-tokens.js';
import type { Response } from '../invitations/response.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import { DEFAULT_UNHAPPY_AT_OR_BELOW } from '../surveys/scales.js';
import { type AlertDeps, alertOnUnhappyAnswer } from './alert-on-unhappy-answer.js';
import { type Case, RecoverySurveySchema } from './case.js';
import { acknowledgeCase, addCaseNote, type CaseDeps, getCase, listCases, reopenCase } from './cases.js';
import { DynamoDbCaseStore } from './dynamodb-case-store.js';
import { type ResolveDeps, resolveCase } from './resolve-case.js';

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

let table: Awaited<ReturnType<typeof freshTable>>;
let deps: CaseDeps;
/** The same, with what resolving needs besides: a stage without recovery surveys. */
let resolving: ResolveDeps;
let alerts: AlertDeps;
let published: Alert[];
let now: Date;

beforeEach(async () => {
  table = await freshTable();
  now = new Date('2026-11-26T11:00:05.000Z');
  const cases = new DynamoDbCaseStore(table.client, table.tableName);
  deps = { cases, clock: { now: () => now } };
  resolving = {
    ...deps,
    recoverySurvey: null,
    invitations: new DynamoDbInvitationStore(table.client, table.tableName),
    contacts: new DynamoDbContactLedger(table.client, table.tableName),
    people: new DynamoDbPersonIndex(table.client, table.tableName),
    sendQueue: new RecordingSendQueue(),
    policy: openPolicy(),
    responses: new DynamoDbResponseStore(table.client, table.tableName),
  };
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

/** A case as the listing keeps it: without its timeline, which the case itself is read for. */
const listed = ({ timeline: _timeline, timelineDropped: _dropped, ...kept }: Case): Case => kept;

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
      resolving,
    );

    expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'lead@example.com' });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-11-26T12:00:00.000Z',
      resolution: { reason: 'called-back', note: 'Refunded the fee.' },
    });
    expect((await listCases({ status: 'resolved' }, deps)).cases).toEqual([listed(resolved)]);
  });

  it('says why a move is refused: unknown case, resolved twice, acknowledged after resolving, a bad reason', async () => {
    await unhappy('inv-1');
    await resolveCase('inv-1', { reason: 'issue-fixed' }, resolving);

    await expect(getCase('nope', deps)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveCase('inv-1', { reason: 'issue-fixed' }, resolving)).rejects.toThrow(
      new ConflictError('case inv-1 is resolved, so it cannot be resolved'),
    );
    await expect(acknowledgeCase('inv-1', {}, deps)).rejects.toBeInstanceOf(ConflictError);
    const bad = await resolveCase('inv-1', { reason: 'fixed it' }, resolving).catch(
      (error: unknown) => error,
    );
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).issues).toEqual([
      { field: 'reason', message: expect.stringMatching(/^must be one of called-back/) },
    ]);
  });

  it('leaves one consistent case when two leads acknowledge at once, both having read it open', async () => {
    await unhappy('inv-1');
    // Both leads' moves read the case open before either writes; only the conditional write tells them apart.
    const race = raceWrites(table.client, (command) => command instanceof TransactWriteItemsCommand);
    const racing = { ...deps, cases: new DynamoDbCaseStore(race.client, table.tableName) };

    const outcomes = await Promise.allSettled([
      acknowledgeCase('inv-1', { by: 'a@example.com' }, racing),
      acknowledgeCase('inv-1', { by: 'b@example.com' }, racing),
    ]);

    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(race.outcomes).toEqual(['written', 'refused']);
    expect(won).toHaveLength(1);
    expect(lost.map((o) => (o as PromiseRejectedResult).reason)).toEqual([expect.any(ConflictError)]);
    const kept = await getCase('inv-1', deps);
    expect(kept.acknowledgedBy).toBe(
      (won[0] as PromiseFulfilledResult<{ acknowledgedBy: string }>).value.acknowledgedBy,
    );
    expect((await listCases({}, deps)).cases[0]).toEqual(listed(kept));
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

describe("a case's timeline", () => {
  it('records each move with when and by whom, in order, and the answer changes between them', async () => {
    // Prepare
    await unhappy('inv-1');
    now = new Date('2026-11-26T11:01:00.000Z');
    await acknowledgeCase('inv-1', { by: 'integrator:helpdesk', actor: 'integrator:helpdesk' }, deps);
    await alertOnUnhappyAnswer(
      {
        before: answer('inv-1'),
        after: answer('inv-1', { score: 1, comment: 'still waiting', updatedAt: '2026-11-26T11:02:00.000Z' }),
      },
      alerts,
    );

    // Act
    now = new Date('2026-11-26T11:30:00.000Z');
    await resolveCase(
      'inv-1',
      { reason: 'called-back', note: 'Refunded.', by: 'lead@example.com' },
      resolving,
    );

    // Assess
    expect((await getCase('inv-1', deps)).timeline).toEqual([
      { kind: 'opened', at: '2026-11-26T11:00:05.000Z', by: 'pulse', score: 2 },
      { kind: 'acknowledged', at: '2026-11-26T11:01:00.000Z', by: 'integrator:helpdesk' },
      {
        kind: 'answer-changed',
        at: '2026-11-26T11:02:00.000Z',
        by: 'customer',
        score: 1,
        scoreBefore: 2,
        comment: 'changed',
      },
      {
        kind: 'resolved',
        at: '2026-11-26T11:30:00.000Z',
        by: 'lead@example.com',
        reason: 'called-back',
        note: 'Refunded.',
      },
    ]);
  });

  it('is read with the case, never with the listing', async () => {
    await unhappy('inv-1');
    await addCaseNote('inv-1', { note: 'calling now' }, deps);

    const [listed] = (await listCases({}, deps)).cases;

    expect(listed?.timeline).toBeUndefined();
    expect((await getCase('inv-1', deps)).timeline).toHaveLength(2);
  });
});

describe('notes on a case', () => {
  it('adds a note by whoever wrote it, trimmed, on an open case and on a resolved one', async () => {
    // Prepare
    await unhappy('inv-1');

    // Act
    now = new Date('2026-11-26T11:05:00.000Z');
    const open = await addCaseNote(
      'inv-1',
      { note: '  Voicemail.\r\nTrying again at 2 pm. ', by: 'priya@example.com' },
      deps,
    );
    await resolveCase('inv-1', { reason: 'called-back' }, resolving);
    now = new Date('2026-11-26T12:00:00.000Z');
    const resolved = await addCaseNote(
      'inv-1',
      { note: 'Ana wrote to thank us.', actor: 'lee@example.com' },
      deps,
    );

    // Assess
    expect(open).toMatchObject({ status: 'open' });
    expect(open.timeline?.at(-1)).toEqual({
      kind: 'note',
      at: '2026-11-26T11:05:00.000Z',
      by: 'priya@example.com',
      note: 'Voicemail.\nTrying again at 2 pm.',
    });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: { reason: 'called-back' } });
    expect(resolved.timeline?.map((entry) => entry.kind)).toEqual(['opened', 'note', 'resolved', 'note']);
    expect(resolved.timeline?.at(-1)).toMatchObject({
      by: 'lee@example.com',
      note: 'Ana wrote to thank us.',
    });
  });

  it.each([
    ['missing', {}, 'is required'],
    ['empty once trimmed', { note: ' \n ' }, 'must not be empty'],
    ['longer than 2,000 characters', { note: 'x'.repeat(2001) }, 'must be at most 2000 characters'],
    ['not text', { note: 42 }, 'must be text'],
    [
      'not well-formed Unicode',
      { note: 'call back \ud800' },
      expect.stringMatching(/^must be well-formed Unicode/),
    ],
  ])('refuses a note %s, naming it', async (_, input, message) => {
    await unhappy('inv-1');

    const refused = await addCaseNote('inv-1', input, deps).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toEqual([{ field: 'note', message }]);
    expect((await getCase('inv-1', deps)).timeline).toHaveLength(1);
  });

  it('takes a note of 2,000 characters once trimmed', async () => {
    await unhappy('inv-1');

    const noted = await addCaseNote('inv-1', { note: ` ${'x'.repeat(2000)} ` }, deps);

    expect(noted.timeline?.at(-1)).toMatchObject({ kind: 'note', note: 'x'.repeat(2000) });
  });

  it('keeps a note and an acknowledgement made at once, both having read the case open', async () => {
    await unhappy('inv-1');
    const race = raceWrites(table.client, (command) => command instanceof TransactWriteItemsCommand);
    const racing = { ...deps, cases: new DynamoDbCaseStore(race.client, table.tableName) };

    const outcomes = await Promise.allSettled([
      acknowledgeCase('inv-1', { by: 'a@example.com' }, racing),
      addCaseNote('inv-1', { note: 'on it too', by: 'b@example.com' }, racing),
    ]);

    expect(race.outcomes).toEqual(['written', 'refused']);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    const kept = await getCase('inv-1', deps);
    expect(kept).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'a@example.com' });
    // Both kept, in the order they reached the table.
    expect(kept.timeline?.map((entry) => entry.kind).sort()).toEqual(['acknowledged', 'note', 'opened']);
  });
});

describe('reopening a case', () => {
  /** Case inv-1, opened at 11:00:05, acknowledged, escalated and resolved by 11:30, its answer changed once. */
  const resolvedCase = async () => {
    await unhappy('inv-1');
    now = new Date('2026-11-26T11:10:00.000Z');
    await acknowledgeCase('inv-1', { by: 'a@example.com' }, deps);
    await deps.cases.transition('inv-1', 'acknowledged', 'acknowledged', { escalatedAt: now.toISOString() });
    now = new Date('2026-11-26T11:30:00.000Z');
    return resolveCase('inv-1', { reason: 'called-back', note: 'Refunded.' }, resolving);
  };

  it('opens a resolved case again as a new opening, keeping its first opening and its history', async () => {
    // Prepare
    const resolved = await resolvedCase();

    // Act
    now = new Date('2026-11-27T09:05:00.000Z');
    const reopened = await reopenCase(
      'inv-1',
      { note: ' The refund never arrived. ', by: 'lead@example.com' },
      deps,
    );

    // Assess: open again from now, what the last opening did cleared, the rest kept
    expect(reopened).toMatchObject({
      status: 'open',
      openedAt: '2026-11-27T09:05:00.000Z',
      firstOpenedAt: '2026-11-26T11:00:05.000Z',
      score: resolved.score,
      comment: resolved.comment,
    });
    for (const field of [
      'acknowledgedAt',
      'acknowledgedBy',
      'escalatedAt',
      'resolvedAt',
      'resolvedBy',
      'resolution',
      'recoveryInvitationId',
    ] as const) {
      expect(reopened[field]).toBeUndefined();
    }
    expect(reopened.timeline?.map((entry) => entry.kind)).toEqual([
      'opened',
      'acknowledged',
      'resolved',
      'reopened',
    ]);
    expect(reopened.timeline?.at(-1)).toEqual({
      kind: 'reopened',
      at: '2026-11-27T09:05:00.000Z',
      by: 'lead@example.com',
      note: 'The refund never arrived.',
    });
  });

  it('lists the reopened case once, at its new opening, among the open ones', async () => {
    // Prepare: inv-2 opened after inv-1 first did
    await resolvedCase();
    now = new Date('2026-11-26T12:00:00.000Z');
    await unhappy('inv-2');

    // Act
    now = new Date('2026-11-26T13:00:00.000Z');
    await reopenCase('inv-1', {}, deps);

    // Assess
    const ids = (page: { cases: { caseId: string }[] }) => page.cases.map((listed) => listed.caseId);
    expect(ids(await listCases({}, deps))).toEqual(['inv-1', 'inv-2']);
    expect(ids(await listCases({ status: 'open' }, deps))).toEqual(['inv-1', 'inv-2']);
    expect(ids(await listCases({ status: 'resolved' }, deps))).toEqual([]);
  });

  it('takes a case through resolving and reopening more than once, its first opening kept', async () => {
    await resolvedCase();
    now = new Date('2026-11-26T12:00:00.000Z');
    await reopenCase('inv-1', {}, deps);
    await resolveCase('inv-1', { reason: 'issue-fixed' }, resolving);

    now = new Date('2026-11-26T13:00:00.000Z');
    const again = await reopenCase('inv-1', {}, deps);

    expect(again).toMatchObject({
      openedAt: '2026-11-26T13:00:00.000Z',
      firstOpenedAt: '2026-11-26T11:00:05.000Z',
    });
    expect(again.timeline?.filter((entry) => entry.kind === 'reopened')).toHaveLength(2);
    expect((await listCases({}, deps)).cases).toHaveLength(1);
  });

  it.each(['open', 'acknowledged'] as const)('refuses (409) to reopen an %s case', async (status) => {
    await unhappy('inv-1');
    if (status === 'acknowledged') await acknowledgeCase('inv-1', {}, deps);

    await expect(reopenCase('inv-1', {}, deps)).rejects.toThrow(
      new ConflictError(`case inv-1 is ${status}, so it cannot be reopened`),
    );
  });

  it('refuses a note longer than 2,000 characters, naming it, and reads an empty one as none', async () => {
    await resolvedCase();

    const refused = await reopenCase('inv-1', { note: 'x'.repeat(2001) }, deps).catch(
      (error: unknown) => error,
    );
    const reopened = await reopenCase('inv-1', { note: '  ' }, deps);

    expect((refused as ValidationError).issues).toEqual([
      { field: 'note', message: 'must be at most 2000 characters' },
    ]);
    expect(reopened.timeline?.at(-1)).not.toHaveProperty('note');
  });

  it('reopens once when two leads reopen at once, both having read it resolved', async () => {
    await resolvedCase();
    const race = raceWrites(table.client, (command) => command instanceof TransactWriteItemsCommand);
    const racing = { ...deps, cases: new DynamoDbCaseStore(race.client, table.tableName) };

    const outcomes = await Promise.allSettled([
      reopenCase('inv-1', { by: 'a@example.com' }, racing),
      reopenCase('inv-1', { by: 'b@example.com' }, racing),
    ]);

    // Whichever write reaches the table first wins; the other is refused, whatever the order.
    expect(race.outcomes).toEqual(['written', 'refused']);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.findIndex((outcome) => outcome.status === 'rejected');
    expect((outcomes[lost] as PromiseRejectedResult).reason).toEqual(
      new ConflictError('case inv-1 was just reopened by someone else'),
    );
    const kept = await getCase('inv-1', deps);
    expect(kept.timeline?.filter((entry) => entry.kind === 'reopened')).toEqual([
      expect.objectContaining({ by: lost === 1 ? 'a@example.com' : 'b@example.com' }),
    ]);
    expect((await listCases({}, deps)).cases).toHaveLength(1);
  });
});

describe('a changed answer on a case', () => {
  const change = async (invitationId: string, from: Partial<Response>, to: Partial<Response>) =>
    alertOnUnhappyAnswer({ before: answer(invitationId, from), after: answer(invitationId, to) }, alerts);

  it('sends one update on the same case when the customer adds a comment, however often it is replayed', async () => {
    // Prepare: the score first, as the page takes it; the comment follows on the next page.
    await unhappy('inv-1', { comment: '' });
    const later = { comment: 'nobody called\nfor a week', updatedAt: '2026-11-26T11:00:40.000Z' };

    // Act
    const outcomes = [
      await change('inv-1', { comment: '' }, later),
      await change('inv-1', { comment: '' }, later),
    ];

    // Assess
    expect(outcomes).toEqual(['updated', 'already-alerted']);
    expect(published.map((alert) => alert.attributes.kind)).toEqual(['detractor', 'update']);
    expect(published[1]).toMatchObject({
      subject: 'Update: Ana added a comment (NPS 2/10, billing)',
      dedupeKey: 'update#inv-1#2026-11-26T11:00:40.000Z',
      attributes: { kind: 'update', score: 2, severity: 'high', team: 'billing' },
    });
    expect(published[1]?.message).toContain('Comment:\n> nobody called\n> for a week');
    expect(published[1]?.message).toContain('Case: https://pulse.example.com/cases/inv-1 (open)');
    expect(await getCase('inv-1', deps)).toMatchObject({
      comment: 'nobody called\nfor a week',
      answerChanges: 1,
      answerUpdatedAt: '2026-11-26T11:00:40.000Z',
    });
    expect((await listCases({}, deps)).cases).toHaveLength(1);
  });

  it('sends an update, not an alert, when the score changes, even up out of the unhappy range and back', async () => {
    // Prepare
    await unhappy('inv-1', { score: 2 });
    await acknowledgeCase('inv-1', { by: 'lead@example.com' }, deps);

    // Act: the second change after the update window of the first
    await change('inv-1', { score: 2 }, { score: 9, updatedAt: '2026-11-26T11:02:00.000Z' });
    now = new Date('2026-11-26T11:10:00.000Z');
    await change(
      'inv-1',
      { score: 9, updatedAt: '2026-11-26T11:02:00.000Z' },
      { score: 5, updatedAt: '2026-11-26T11:03:00.000Z' },
    );

    // Assess
    expect(published.map((alert) => `${alert.attributes.kind}:${alert.attributes.score}`)).toEqual([
      'detractor:2',
      'update:9',
      'update:5',
    ]);
    expect(published[1]?.message).toContain('Score: 2/10 → 9/10 on NPS (now promoter).');
    // Routed as the alert was: the severity stays the case's.
    expect(published[1]?.attributes.severity).toBe('high');
    expect(await getCase('inv-1', deps)).toMatchObject({
      status: 'acknowledged',
      score: 5,
      severity: 'high',
      answerChanges: 2,
    });
  });

  it('sends no update when the change that opened the case is replayed, before or after later changes', async () => {
    // Prepare: a happy answer changed down into the unhappy range opens the case.
    const opening = { before: answer('inv-1', { score: 9 }), after: answer('inv-1', { score: 2 }) };
    await alertOnUnhappyAnswer(opening, alerts);
    const replayedAtOnce = await alertOnUnhappyAnswer(opening, alerts);
    await change('inv-1', { score: 2 }, { score: 1, updatedAt: '2026-11-26T11:09:00.000Z' });

    // Act
    const replayedLater = await alertOnUnhappyAnswer(opening, alerts);

    // Assess
    expect([replayedAtOnce, replayedLater]).toEqual(['already-alerted', 'already-alerted']);
    expect(published.map((alert) => `${alert.attributes.kind}:${alert.attributes.score}`)).toEqual([
      'detractor:2',
      'update:1',
    ]);
  });

  it('refuses to write back a case read before another write, so an acknowledgement cannot undo an update', async () => {
    // Prepare: a lead's read of the case, then the customer's comment lands on it.
    await unhappy('inv-1', { comment: '' });
    const cases = alerts.cases as DynamoDbCaseStore;
    const readByLead = await cases.get('inv-1');
    await change('inv-1', { comment: '' }, { comment: 'call me', updatedAt: '2026-11-26T11:01:00.000Z' });
    const stale = Object.create(cases) as DynamoDbCaseStore;
    stale.get = async () => readByLead;

    // Act
    const written = await stale.transition('inv-1', 'open', 'acknowledged', {
      acknowledgedBy: 'lead@example.com',
    });
    const acknowledged = await acknowledgeCase('inv-1', { by: 'lead@example.com' }, deps);

    // Assess
    expect(written).toBe(false);
    expect(acknowledged).toMatchObject({ status: 'acknowledged', comment: 'call me', answerChanges: 1 });
  });

  it('keeps the newest answer on the case when an older change is replayed after it', async () => {
    // Prepare
    await unhappy('inv-1', { comment: '' });
    const first = { comment: 'slow', updatedAt: '2026-11-26T11:01:00.000Z' };
    const second = { comment: 'slow and rude', updatedAt: '2026-11-26T11:02:00.000Z' };
    await change('inv-1', { comment: '' }, first);
    now = new Date('2026-11-26T11:10:00.000Z');
    await change('inv-1', first, second);

    // Act
    await change('inv-1', { comment: '' }, first);

    // Assess
    expect((await getCase('inv-1', deps)).comment).toBe('slow and rude');
    expect(published.filter((alert) => alert.attributes.kind === 'update')).toHaveLength(2);
  });

  it('sends nothing for a changed answer that never had a case, or a change of neither score nor comment', async () => {
    const happy = await change('inv-9', { score: 9, comment: '' }, { score: 10, comment: 'great' });
    await unhappy('inv-1');
    const same = await change('inv-1', {}, { updatedAt: '2026-11-26T11:05:00.000Z' });

    expect(happy).toBe('not-unhappy');
    expect(same).toBe('already-alerted');
    expect(published.map((alert) => alert.attributes.kind)).toEqual(['detractor']);
  });
});

describe('the recovery survey on resolving', () => {
  let sendQueue: RecordingSendQueue;
  let invitations: DynamoDbInvitationStore;
  let contacts: DynamoDbContactLedger;

  beforeEach(async () => {
    const table = await freshTable();
    const cases = new DynamoDbCaseStore(table.client, table.tableName);
    invitations = new DynamoDbInvitationStore(table.client, table.tableName);
    contacts = new DynamoDbContactLedger(table.client, table.tableName);
    sendQueue = new RecordingSendQueue();
    alerts = { ...alerts, ledger: new DynamoDbAlertLedger(table.client, table.tableName), cases };
    resolving = {
      cases,
      clock: { now: () => now },
      recoverySurvey: RecoverySurveySchema.parse({}),
      invitations,
      contacts,
      people: new DynamoDbPersonIndex(table.client, table.tableName),
      sendQueue,
      policy: openPolicy({ touchpoints: { 'case-recovery': { fatigueDays: 0 } } }),
      responses: new DynamoDbResponseStore(table.client, table.tableName),
    };
  });

  /** A real invitation, surveyed and answered unhappily, with its case open. */
  const surveyedUnhappy = async (interaction: Record<string, unknown> = {}) => {
    const accepted = await acceptInteraction(
      {
        interactionId: 'zd-77',
        occurredAt: '2026-11-26T10:00:00Z',
        survey: 'nps',
        customer: { id: 'c-77', email: 'ana@example.com', name: 'Ana', locale: 'zh-CN' },
        touchpoint: 'support-ticket',
        channel: 'phone',
        team: 'billing',
        agent: 'agent-7',
        attributes: { ticketUrl: 'https://support.example.com/t/77' },
        ...interaction,
      },
      resolving as AcceptInteractionDeps,
    );
    sendQueue.enqueued.length = 0;
    const invitation = await invitations.get(accepted.invitationId);
    await unhappy(accepted.invitationId, {
      interactionId: invitation?.interactionId,
      touchpoint: invitation?.touchpoint,
    });
    return accepted.invitationId;
  };

  it('invites the customer once to a CSAT survey about the follow-up, by the first survey channel', async () => {
    // Prepare
    const caseId = await surveyedUnhappy();

    // Act
    const resolved = await resolveCase(caseId, { reason: 'called-back' }, resolving);
    const retried = await resolveCase(caseId, { reason: 'called-back' }, resolving).catch((e: unknown) => e);
    const recovery = await invitations.get(resolved.recoveryInvitationId as string);

    // Assess
    expect(retried).toBeInstanceOf(ConflictError);
    expect(resolved.recoveryInvitationId).toBe(invitationIdOf(`recovery-${caseId}`));
    expect(recovery).toMatchObject({
      interactionId: `recovery-${caseId}`,
      survey: 'csat',
      via: 'email',
      status: 'scheduled',
      touchpoint: 'case-recovery',
      team: 'billing',
      agent: 'agent-7',
      customer: { id: 'c-77', email: 'ana@example.com', locale: 'zh-CN' },
      attributes: { ticketUrl: 'https://support.example.com/t/77', case: caseId },
    });
    expect(sendQueue.enqueued.map((queued) => queued.invitationId)).toEqual([resolved.recoveryInvitationId]);
  });

  it.each([
    ['a reason that does not send it', { reason: 'customer-unreachable' }],
    ['the lead declines it', { reason: 'issue-fixed', recoverySurvey: false }],
  ])('sends none when %s', async (_, input) => {
    const caseId = await surveyedUnhappy();

    const resolved = await resolveCase(caseId, input, resolving);

    expect(resolved.status).toBe('resolved');
    expect(resolved.recoveryInvitationId).toBeUndefined();
    expect(sendQueue.enqueued).toEqual([]);
  });

  it('sends none when the stage has none', async () => {
    const caseId = await surveyedUnhappy();

    const resolved = await resolveCase(
      caseId,
      { reason: 'called-back' },
      { ...resolving, recoverySurvey: null },
    );

    expect(resolved).toMatchObject({ status: 'resolved', resolution: { reason: 'called-back' } });
    expect(resolved.recoveryInvitationId).toBeUndefined();
    expect(sendQueue.enqueued).toEqual([]);
  });

  it('never sends one to a customer who unsubscribed', async () => {
    const caseId = await surveyedUnhappy();
    await contacts.suppress({
      key: 'email:ana@example.com',
      reason: 'unsubscribed',
      at: now.toISOString(),
      source: `invitation:${caseId}`,
    });

    const resolved = await resolveCase(caseId, { reason: 'called-back' }, resolving);
    const recovery = await invitations.get(resolved.recoveryInvitationId as string);

    expect(recovery).toMatchObject({ status: 'skipped', reasonCode: 'suppressed' });
    expect(sendQueue.enqueued).toEqual([]);
  });

  it('sends none for a case its own recovery survey opened, so that they never chain', async () => {
    const caseId = await surveyedUnhappy({ interactionId: 'recovery-earlier', touchpoint: 'case-recovery' });

    const resolved = await resolveCase(caseId, { reason: 'called-back' }, resolving);

    expect(resolved.status).toBe('resolved');
    expect(resolved.recoveryInvitationId).toBeUndefined();
    expect(sendQueue.enqueued).toEqual([]);
  });

  it('invites once when a resolve failed after inviting and is sent again', async () => {
    // Prepare: the case's move fails once, after the invitation was made.
    const caseId = await surveyedUnhappy();
    const move = resolving.cases.move.bind(resolving.cases);
    let failures = 1;
    resolving.cases.move = async (...args) => {
      if (failures-- > 0) throw new Error('DynamoDB unavailable');
      return move(...args);
    };

    // Act
    const failed = await resolveCase(caseId, { reason: 'issue-fixed' }, resolving).catch((e: unknown) => e);
    const resolved = await resolveCase(caseId, { reason: 'issue-fixed' }, resolving);

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(resolved.recoveryInvitationId).toBe(invitationIdOf(`recovery-${caseId}`));
    expect(new Set(sendQueue.enqueued.map((queued) => queued.invitationId))).toEqual(
      new Set([resolved.recoveryInvitationId]),
    );
  });

  it('sends no second survey when a reopened case is resolved again', async () => {
    // Prepare
    const caseId = await surveyedUnhappy();
    const first = await resolveCase(caseId, { reason: 'called-back' }, resolving);
    const reopened = await reopenCase(caseId, {}, resolving);

    // Act
    const again = await resolveCase(caseId, { reason: 'called-back' }, resolving);

    // Assess: the same invitation (queued again while scheduled, sent once); both resolutions' entries name it
    expect(reopened.recoveryInvitationId).toBeUndefined();
    expect(again.recoveryInvitationId).toBe(first.recoveryInvitationId);
    expect(new Set(sendQueue.enqueued.map((queued) => queued.invitationId))).toEqual(
      new Set([first.recoveryInvitationId]),
    );
    expect(again.timeline?.filter((entry) => entry.kind === 'resolved')).toEqual([
      expect.objectContaining({ recoveryInvitationId: first.recoveryInvitationId }),
      expect.objectContaining({ recoveryInvitationId: first.recoveryInvitationId }),
    ]);
  });

  it('drops the case link rather than refuse the survey when the attributes are full', async () => {
    // Eight notes of 2,000 characters and a last one that brings the attributes to 16,380 bytes of 16 KB.
    const full: Record<string, string> = { ticketUrl: 'https://support.example.com/t/77' };
    for (let i = 0; i < 8; i += 1) full[`note${i}`] = 'x'.repeat(2000);
    full.last = '';
    full.last = 'x'.repeat(16_380 - JSON.stringify(full).length);
    const caseId = await surveyedUnhappy({ attributes: full });

    const resolved = await resolveCase(caseId, { reason: 'called-back' }, resolving);

    expect((await invitations.get(resolved.recoveryInvitationId as string))?.attributes).toEqual(full);
  });

  it('refuses a recoverySurvey that is not true or false, naming it', async () => {
    const caseId = await surveyedUnhappy();

    const bad = await resolveCase(caseId, { reason: 'called-back', recoverySurvey: 'no' }, resolving).catch(
      (error: unknown) => error,
    );

    expect((bad as ValidationError).issues).toEqual([
      { field: 'recoverySurvey', message: 'must be true or false' },
    ]);
    expect(sendQueue.enqueued).toEqual([]);
  });
});
