import {
  ComprehendClient,
  DetectDominantLanguageCommand,
  DetectSentimentCommand,
  type LanguageCode,
  TextSizeLimitExceededException,
} from '@aws-sdk/client-comprehend';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerComprehend, answerComprehendLocally } from './comprehend.js';
import { LOCAL_AWS } from './dynamodb-local.js';

const LANGUAGE_CODES = ['en', 'es', 'fr', 'de', 'it', 'pt', 'ar', 'hi', 'ja', 'ko', 'zh', 'zh-TW'] as const;

const localComprehend = () => answerComprehendLocally(new ComprehendClient({ ...LOCAL_AWS, maxAttempts: 1 }));

/** A DetectSentiment request as the SDK puts it on the wire. */
const wireRequest = (body: string) => ({
  method: 'POST',
  hostname: 'comprehend.us-east-1.amazonaws.com',
  path: '/',
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'Comprehend_20171127.DetectSentiment',
  },
  body: new TextEncoder().encode(body),
});

const jsonOf = (body: Uint8Array) => JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>;

describe('the local Comprehend', () => {
  it('answers DetectSentiment through the SDK with a label, four scores and a request id', async () => {
    const client = localComprehend();

    const output = await client.send(
      new DetectSentimentCommand({ Text: '客服态度很差，等了半天也没解决', LanguageCode: 'zh' }),
    );

    expect(output.Sentiment).toBe('NEGATIVE');
    const { Positive = 0, Negative = 0, Neutral = 0, Mixed = 0 } = output.SentimentScore ?? {};
    expect(Positive + Negative + Neutral + Mixed).toBeCloseTo(1, 9);
    expect(Negative).toBeGreaterThan(Math.max(Positive, Neutral, Mixed));
    expect(output.$metadata).toMatchObject({
      httpStatusCode: 200,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('answers in Comprehend JSON 1.1, its content type and its request id header', async () => {
    const response = await answerComprehend(
      wireRequest(
        JSON.stringify({ Text: 'the agent was lovely but it took three weeks', LanguageCode: 'en' }),
      ),
    );

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    const body = jsonOf(response.body);
    expect(Object.keys(body)).toEqual(['Sentiment', 'SentimentScore']);
    expect(body.Sentiment).toBe('MIXED');
    expect(Object.keys(body.SentimentScore as object).sort()).toEqual([
      'Mixed',
      'Negative',
      'Neutral',
      'Positive',
    ]);
  });

  it('refuses a text over 5,000 bytes as Comprehend does, with a TextSizeLimitExceededException', async () => {
    const client = localComprehend();

    const error = await client
      .send(new DetectSentimentCommand({ Text: '好'.repeat(1667), LanguageCode: 'zh' }))
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(TextSizeLimitExceededException);
    expect(error).toMatchObject({
      name: 'TextSizeLimitExceededException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining('the text size is 5001 bytes'),
    });
  });

  it('reads a text of exactly 5,000 bytes', async () => {
    const client = localComprehend();

    const output = await client.send(
      new DetectSentimentCommand({ Text: 'a'.repeat(5000), LanguageCode: 'en' }),
    );

    expect(output.Sentiment).toBe('NEUTRAL');
  });

  it.each([
    [{ Text: '', LanguageCode: 'en' }, "Value at 'text' failed to satisfy constraint"],
    [{ LanguageCode: 'en' }, "Value null at 'text' failed to satisfy constraint: Member must not be null"],
    [{ Text: 'good' }, "Value null at 'languageCode'"],
    [{ Text: 'good', LanguageCode: 'sv' }, "Value 'sv' at 'languageCode' failed to satisfy constraint"],
  ])('refuses %j with a ValidationException through the SDK', async (input, message) => {
    const client = localComprehend();

    const error = await client
      .send(new DetectSentimentCommand(input as { Text: string; LanguageCode: LanguageCode }))
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    expect((error as Error).message).toContain(message);
  });

  it('names every wrong member of one request, as AWS validation does', async () => {
    const response = await answerComprehend(wireRequest('{}'));

    expect(response.statusCode).toBe(400);
    expect(jsonOf(response.body)).toEqual({
      __type: 'ValidationException',
      message:
        "2 validation errors detected: Value null at 'text' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'languageCode' failed to satisfy constraint: Member must not be null",
    });
  });

  it('refuses a body that is not JSON with a SerializationException', async () => {
    const response = await answerComprehend(wireRequest('Text=good'));

    expect(response.statusCode).toBe(400);
    expect(jsonOf(response.body)).toMatchObject({ __type: 'SerializationException' });
  });

  it('answers no other operation', async () => {
    const client = localComprehend();

    const detecting = client.send(new DetectDominantLanguageCommand({ Text: 'good' }));

    await expect(detecting).rejects.toThrow(
      'local Comprehend does not answer Comprehend_20171127.DetectDominantLanguage',
    );
  });

  it('answers every text Comprehend accepts, in every language it reads, with a label', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 400 })
          .filter((text) => Buffer.byteLength(text, 'utf8') <= 5000),
        fc.constantFrom(...LANGUAGE_CODES),
        async (text, LanguageCode) => {
          const response = await answerComprehend(wireRequest(JSON.stringify({ Text: text, LanguageCode })));

          expect(response.statusCode).toBe(200);
          expect(['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED']).toContain(jsonOf(response.body).Sentiment);
        },
      ),
      { numRuns: 200 },
    );
  });
});
