import { describe, expect, it } from 'vitest';
import { RecoverySurveySchema } from '../lib/cases/case.js';
import { invitationIdOf } from '../lib/invitations/link-tokens.js';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { clockAt, openPolicy, RecordingSendQueue } from '../test/support/in-memory.js';
import { aCase, aSentInvitation, INVITATION_ID as CASE_ID } from '../test/support/samples.js';
import { createHandler } from './resolve-case.js';

/** Ana's invitation, sent and answered unhappily, with its case open. */
const setup = async () => {
  const { cases, invitations, responses, contacts, people } = await freshStores();
  await invitations.create(aSentInvitation());
  await cases.open(aCase());
  const sendQueue = new RecordingSendQueue();
  const handler = createHandler({
    cases,
    invitations,
    responses,
    contacts,
    people,
    sendQueue,
    clock: clockAt('2026-11-26T11:40:00Z'),
    policy: openPolicy({ touchpoints: { 'case-recovery': { fatigueDays: 0 } } }),
    recoverySurvey: RecoverySurveySchema.parse({}),
  });
  return { call: httpCaller(handler), cases, invitations, sendQueue };
};

describe('resolve-case', () => {
  it('resolves the case with its reason as the signed-in lead, and queues the recovery survey', async () => {
    const { call, cases, invitations, sendQueue } = await setup();
    const event = httpEvent('resolve-case', {
      lead: 'priya.shah@example.com',
      body: { reason: 'called-back', note: 'Called Ana back; the late fee is refunded.' },
    });

    const result = await call(event);

    expect(result.statusCode).toBe(200);
    const resolved = JSON.parse(result.body);
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedBy: 'priya.shah@example.com',
      resolution: { reason: 'called-back', note: 'Called Ana back; the late fee is refunded.' },
      recoveryInvitationId: invitationIdOf(`recovery-${CASE_ID}`),
    });
    expect(await cases.get(CASE_ID)).toMatchObject({ status: 'resolved' });
    expect(await invitations.get(resolved.recoveryInvitationId)).toMatchObject({
      survey: 'csat',
      touchpoint: 'case-recovery',
      customer: { email: 'ana@example.com' },
    });
    expect(sendQueue.enqueued.map((queued) => queued.invitationId)).toEqual([resolved.recoveryInvitationId]);
  });

  it('resolves as the integrator credential, whoever the body names', async () => {
    const { call } = await setup();
    const event = httpEvent('resolve-case', {
      credential: 'helpdesk',
      body: { reason: 'no-action-needed', by: 'priya.shah@example.com' },
    });

    const result = await call(event);

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      status: 'resolved',
      resolvedBy: 'integrator:helpdesk',
      resolvedOnBehalfOf: 'priya.shah@example.com',
    });
  });

  it('answers 400 naming the missing reason, and leaves the case open', async () => {
    const { call, cases, sendQueue } = await setup();

    const result = await call(httpEvent('resolve-case', { body: { note: 'done' } }));

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual([{ field: 'reason', message: 'is required' }]);
    expect(await cases.get(CASE_ID)).toMatchObject({ status: 'open' });
    expect(sendQueue.enqueued).toEqual([]);
  });

  it("refuses (403) another team's case to a lead kept to some teams, before it moves or a survey goes", async () => {
    const { call, cases, sendQueue } = await setup();
    const body = { reason: 'called-back', note: 'Called Ana back.' };

    const other = await call(
      httpEvent('resolve-case', { lead: 'returns.lead@example.com', teams: ['returns'], body }),
    );

    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toMatchObject({ field: 'caseId' });
    expect(await cases.get(CASE_ID)).toMatchObject({ status: 'open' });
    expect(sendQueue.enqueued).toEqual([]);
  });

  it("resolves their own team's case for a lead kept to some teams", async () => {
    const { call, cases } = await setup();

    const own = await call(
      httpEvent('resolve-case', {
        lead: 'billing.lead@example.com',
        teams: ['billing'],
        body: { reason: 'called-back', note: 'Called Ana back.' },
      }),
    );

    expect(own.statusCode).toBe(200);
    expect(await cases.get(CASE_ID)).toMatchObject({
      status: 'resolved',
      resolvedBy: 'billing.lead@example.com',
    });
  });
});
