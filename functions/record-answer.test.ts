import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ANSWER_CHANGES } from '../lib/answers/record-answer.js';
import { scriptProofOf, signPageStamp } from '../lib/answers/web/answer-signals.js';
import { DynamoDbPageStamps } from '../lib/answers/web/dynamodb-page-stamps.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/invitations/dynamodb-response-store.js';
import { invitationIdOf, signToken } from '../lib/invitations/link-tokens.js';
import { freshTable } from '../test/support/dynamodb.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { anInvitation, aResponse } from '../test/support/samples.js';
import { createHandler } from './record-answer.js';

const KEY = 'test-signing-key';

const setup = async () => {
  const table = await freshTable();
  const invitations = new DynamoDbInvitationStore(table.client, table.tableName);
  const responses = new DynamoDbResponseStore(table.client, table.tableName);
  /** An NPS invitation sent by email for the interaction, and its survey token. */
  const invite = async (interactionId: string) => {
    const invitationId = invitationIdOf(interactionId);
    await invitations.create(
      anInvitation({
        invitationId,
        interactionId,
        customer: { id: 'c-981', email: 'ana@example.com' },
        createdAt: '2026-11-26T10:04:01.000Z',
        dueAt: '2026-11-26T10:04:01.000Z',
        status: 'sent',
      }),
    );
    return { invitationId, token: signToken(invitationId, 'survey', KEY) };
  };
  const { invitationId, token } = await invite('zd-48213');
  const handler = createHandler({
    invitations,
    responses,
    stamps: new DynamoDbPageStamps(table.client, table.tableName),
    clock: { now: () => new Date('2026-11-26T10:15:02Z') },
    signingKey: async () => KEY,
    messages: { defaultLocale: 'en' },
  });
  const event = loadEvent('api-gateway/post-survey-answer.json');
  event.pathParameters.token = token;
  event.rawPath = `/s/${token}`;
  return { handler, event, responses, invitationId, invite };
};

/** The reason a 400 page shows above the form again. */
const reasonShownIn = (page: string): string | undefined =>
  /<p class="error" role="alert">([^<]*)<\/p>/.exec(page)?.[1];

/**
 * What the page must do with a form, worked out from the form rather than by the handler: record the
 * score and comment (as the page counts them), or name each wrong field.
 */
const verdictOn = (
  fields: { score?: string; comment?: string } | undefined,
): { score: number; comment: string } | { wrong: string } => {
  const issues: string[] = [];
  const score = fields?.score?.trim() ?? '';
  if (score === '') issues.push('score: is required');
  else if (!/^[0-9]{1,3}$/.test(score)) issues.push('score: must be a whole number');
  else if (Number(score) > 10) issues.push('score: must be 0 to 10');
  const comment = (fields?.comment ?? '').replace(/\r\n?/g, '\n').trim();
  if (comment.length > 2000) issues.push('comment: must be at most 2000 characters');
  return issues.length > 0 ? { wrong: issues.join('; ') } : { score: Number(score), comment };
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

  /** The form as a person's browser posts it, from a page the server rendered `dwellMs` before 10:15:02. */
  const personsForm = (fields: { score: string; comment: string }, invitationId: string, dwellMs: number) => {
    const stamp = signPageStamp(invitationId, new Date(Date.parse('2026-11-26T10:15:02Z') - dwellMs), KEY);
    const body = new URLSearchParams({ ...fields, stamp, proof: scriptProofOf(stamp, 3), interactions: '3' });
    return Buffer.from(body.toString()).toString('base64');
  };

  it("counts a comment sent a second after the page, on top of the person's counted answer", async () => {
    const { handler, event, responses, invitationId } = await setup();
    await responses.save(aResponse({ score: 3, comment: '', updatedAt: '2026-11-26T10:14:40.000Z' }));
    event.body = personsForm({ score: '3', comment: 'the wait was awful' }, invitationId, 1_000);

    const result = (await handler(event, context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('the wait was awful');
    const stored = await responses.get(invitationId);
    expect(stored).toMatchObject({ score: 3, comment: 'the wait was awful', suspect: false });
    expect(stored?.heldChange).toBeUndefined();
  });

  it('thanks the person for a quick change of score, holding it beside their counted answer', async () => {
    const { handler, event, responses, invitationId } = await setup();
    await responses.save(aResponse({ score: 8, comment: '', updatedAt: '2026-11-26T10:14:40.000Z' }));
    event.body = personsForm({ score: '2', comment: 'actually, nobody called back' }, invitationId, 1_000);

    const result = (await handler(event, context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('We recorded a score of 2.');
    expect(result.body).toContain('actually, nobody called back');
    expect(await responses.get(invitationId)).toMatchObject({
      score: 8,
      comment: '',
      updatedAt: '2026-11-26T10:14:40.000Z',
      heldChange: {
        score: 2,
        comment: 'actually, nobody called back',
        reasons: ['posted 1000 ms after the page loaded'],
        receivedAt: '2026-11-26T10:15:02.000Z',
      },
    });
  });

  it('holds a different answer sent again from the page that sent the first, keeping its words', async () => {
    const { handler, event, responses, invitationId } = await setup();
    const stamp = signPageStamp(invitationId, new Date('2026-11-26T10:14:50Z'), KEY);
    const from = (fields: Record<string, string>) =>
      Buffer.from(
        new URLSearchParams({
          ...fields,
          stamp,
          proof: scriptProofOf(stamp, 3),
          interactions: '3',
        }).toString(),
      ).toString('base64');
    event.body = from({ score: '3', comment: '' });
    await handler(structuredClone(event), context());
    event.body = from({ score: '1', comment: 'nobody called back' });

    const again = (await handler(event, context())) as { statusCode: number; body: string };

    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('nobody called back');
    expect(await responses.get(invitationId)).toMatchObject({
      score: 3,
      comment: '',
      heldChange: { score: 1, comment: 'nobody called back' },
    });
  });

  it('answers 409 with the answer as it stands once it took every change it may', async () => {
    const { handler, event, responses, invitationId } = await setup();
    await responses.save(
      aResponse({
        score: 2,
        comment: 'slow',
        changes: MAX_ANSWER_CHANGES,
        updatedAt: '2026-11-26T10:14:40.000Z',
      }),
    );
    event.body = personsForm({ score: '9', comment: 'fine now' }, invitationId, 5_000);

    const result = (await handler(event, context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(409);
    expect(result.body).toContain('We recorded a score of 2.');
    expect(result.body).toContain('it can no longer be changed');
    expect(await responses.get(invitationId)).toMatchObject({ score: 2, comment: 'slow' });
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

  it('records any valid form body at its score and comment (200), and shows the form again naming each wrong field of any other (400), storing nothing', async () => {
    const { handler, event, responses, invite } = await setup();
    const field = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.integer({ min: -5, max: 20 }).map(String),
      fc.constantFrom('', ' ', '3', '07', '1e1', '0x3', '-0', 'NaN', '%00', '\u0000', '10 ', '٣'),
    );
    const anyForm = fc.record(
      {
        score: field,
        comment: fc.string({ unit: 'grapheme', maxLength: 2100 }),
        stamp: fc.string({ maxLength: 60 }),
        proof: fc.string({ maxLength: 60 }),
        interactions: field,
      },
      { requiredKeys: [] },
    );
    // Answers a person could send, so that every run sees plenty of them.
    const validForm = fc.record(
      {
        score: fc
          .tuple(
            fc.integer({ min: 0, max: 10 }),
            fc.constantFrom('', ' ', '0'),
            fc.constantFrom('', ' ', '\n'),
          )
          .map(([score, before, after]) => `${before}${score}${after}`),
        comment: fc.string({ unit: 'grapheme', maxLength: 300 }),
      },
      { requiredKeys: ['score'] },
    );
    const form = fc.oneof(anyForm, validForm);
    const encodings = fc.constantFrom('urlencoded', 'json', 'base64', 'none');
    let run = 0;

    await fc.assert(
      fc.asyncProperty(form, encodings, async (fields, encoding) => {
        // A fresh invitation each run: what is stored then is this run's doing alone.
        run += 1;
        const { invitationId, token } = await invite(`zd-form-${run}`);
        const body = new URLSearchParams(fields).toString();
        const request = structuredClone(event);
        request.pathParameters.token = token;
        request.rawPath = `/s/${token}`;
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
          body: string;
        };

        expect(result.headers['content-type']).toMatch(/^text\/html/);
        const verdict = verdictOn(encoding === 'none' ? undefined : fields);
        const stored = await responses.get(invitationId);
        if ('wrong' in verdict) {
          expect(result.statusCode).toBe(400);
          expect(reasonShownIn(result.body)).toBe(verdict.wrong);
          expect(stored).toBeNull();
        } else {
          expect(result.statusCode).toBe(200);
          expect(stored).toMatchObject({ invitationId, score: verdict.score, comment: verdict.comment });
        }
      }),
      {
        numRuns: 80,
        examples: [
          [{ score: '7', comment: 'quick and kind' }, 'urlencoded'],
          [{ score: ' 07 ', comment: ' line one\r\nline two ' }, 'base64'],
          [{ score: '0' }, 'json'],
          [{ score: '11', comment: 'x'.repeat(2001) }, 'urlencoded'],
          [{ score: '٣' }, 'json'],
          [{ comment: 'no score' }, 'base64'],
          [{ score: '9' }, 'none'],
        ],
      },
    );
    // Each run sets up its own invitation in DynamoDB Local: more time than one test usually needs.
  }, 120_000);
});
