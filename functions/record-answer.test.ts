import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/invitations/dynamodb-response-store.js';
import { invitationIdOf, signToken } from '../lib/invitations/link-tokens.js';
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
    messages: { defaultLocale: 'en' },
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

  it('answers any form body with a page, 200 or 400, and keeps at most one valid answer', async () => {
    const { handler, event, responses, invitationId } = await setup();
    const field = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.integer({ min: -5, max: 20 }).map(String),
      fc.constantFrom('', ' ', '3', '07', '1e1', '0x3', '-0', 'NaN', '%00', '\u0000', '10 ', '٣'),
    );
    const form = fc.record(
      {
        score: field,
        comment: fc.string({ unit: 'grapheme', maxLength: 2100 }),
        stamp: fc.string({ maxLength: 60 }),
        proof: fc.string({ maxLength: 60 }),
        interactions: field,
      },
      { requiredKeys: [] },
    );
    const encodings = fc.constantFrom('urlencoded', 'json', 'base64', 'none');

    await fc.assert(
      fc.asyncProperty(form, encodings, async (fields, encoding) => {
        const body = new URLSearchParams(fields).toString();
        const request = structuredClone(event);
        request.isBase64Encoded = encoding === 'base64';
        request.headers['content-type'] =
          encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
        request.body =
          encoding === 'json'
            ? JSON.stringify(fields)
            : encoding === 'base64'
              ? Buffer.from(body).toString('base64')
              : encoding === 'none'
                ? undefined
                : body;

        const result = (await handler(request, context())) as {
          statusCode: number;
          headers: Record<string, string>;
        };

        expect([200, 400]).toContain(result.statusCode);
        expect(result.headers['content-type']).toMatch(/^text\/html/);
        const stored = await responses.get(invitationId);
        if (stored) {
          expect(stored.score).toBeGreaterThanOrEqual(0);
          expect(stored.score).toBeLessThanOrEqual(10);
          expect(stored.comment.length).toBeLessThanOrEqual(2000);
        }
      }),
      { numRuns: 80 },
    );
  });
});
