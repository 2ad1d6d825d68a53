import { describe, expect, it } from 'vitest';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/adapters/dynamodb-response-store.js';
import { invitationIdOf, signToken } from '../lib/domain/token.js';
import { freshTable } from '../test/support/dynamodb.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { createHandler } from './record-answer.js';

const KEY = 'test-signing-key';

const setup = async () => {
  const table = await freshTable();
  const invitations = new DynamoDbInvitationStore(table.client, table.tableName);
  const responses = new DynamoDbResponseStore(table.client, table.tableName);
  const invitationId = invitationIdOf('zd-48213');
  await invitations.create({
    invitationId,
    interactionId: 'zd-48213',
    survey: 'nps',
    via: 'email',
    customer: { id: 'c-981', email: 'ana@example.com' },
    touchpoint: 'support-ticket',
    channel: 'phone',
    team: 'billing',
    occurredAt: '2026-11-26T10:04:00.000Z',
    createdAt: '2026-11-26T10:04:01.000Z',
    dueAt: '2026-11-26T10:04:01.000Z',
    status: 'sent',
  });
  const handler = createHandler({
    invitations,
    responses,
    clock: { now: () => new Date('2026-11-26T10:15:02Z') },
    signingKey: async () => KEY,
  });
  const event = loadEvent('api-gateway/post-survey-answer.json');
  const token = signToken(invitationId, 'survey', KEY);
  event.pathParameters.token = token;
  event.rawPath = `/s/${token}`;
  return { handler, event, responses, invitationId };
};

describe('record-answer', () => {
  it('records the score and comment of a base64-encoded form post and thanks the customer', async () => {
    const { handler, event, responses, invitationId } = await setup();

    const result = (await handler(event, context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Thank you');
    expect(await responses.get(invitationId)).toMatchObject({
      score: 3,
      comment: 'the wait was awful',
      day: '2026-11-26',
      team: 'billing',
    });
  });

  it('shows the form again with the reason for a score off the scale, and stores nothing', async () => {
    const { handler, event, responses, invitationId } = await setup();
    event.body = Buffer.from('score=11&comment=hi').toString('base64');

    const result = (await handler(event, context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(400);
    expect(result.body).toMatch(/score: must be 0 to 10/);
    expect(await responses.get(invitationId)).toBeNull();
  });

  it('shows a comment escaped, never as markup', async () => {
    const { handler, event } = await setup();
    event.body = Buffer.from(
      new URLSearchParams({ score: '2', comment: '<script>alert(1)</script>' }).toString(),
    ).toString('base64');

    const result = (await handler(event, context())) as { body: string };

    expect(result.body).not.toContain('<script>alert(1)</script>');
    expect(result.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
