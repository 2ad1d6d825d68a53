import { ComprehendClient } from '@aws-sdk/client-comprehend';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerAtTransport, type LocalRequest, type LocalResponse } from '../../infra/local/capture.js';
import { answerComprehend } from '../../infra/local/comprehend.js';
import { LOCAL_AWS } from '../../infra/local/dynamodb-local.js';
import { PermanentDeliveryError, ThrottledError } from '../platform/errors.js';
import { isWellFormed } from '../platform/text.js';
import {
  COMPREHEND_TEXT_LIMIT_BYTES,
  ComprehendSentimentDetector,
  cutToUtf8Bytes,
} from './comprehend-sentiment-detector.js';

const bytesOf = (text: string) => Buffer.byteLength(text, 'utf8');
const bodyOf = (request: LocalRequest | undefined) =>
  JSON.parse(new TextDecoder().decode(request?.body as Uint8Array)) as { Text: string; LanguageCode: string };

/**
 * A detector whose calls reach the local twin at the transport, after the SDK serialised and signed
 * them as AWS would receive them; what reached it is kept. One attempt, so a refusal comes back at once.
 */
const localDetector = (respond: (request: LocalRequest) => Promise<LocalResponse> = answerComprehend) => {
  const requests: LocalRequest[] = [];
  const client = answerAtTransport(
    new ComprehendClient({ ...LOCAL_AWS, maxAttempts: 1 }),
    async (request) => {
      requests.push(request);
      return respond(request);
    },
  );
  return { detector: new ComprehendSentimentDetector(client), requests };
};

/** Comprehend's answer to a refused call: a JSON 1.1 error response. */
const refusal = (statusCode: number, type: string) => async (): Promise<LocalResponse> => ({
  statusCode,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' },
  body: Buffer.from(JSON.stringify({ __type: type, message: 'refused' })),
});

describe('ComprehendSentimentDetector', () => {
  it('sends DetectSentiment as Comprehend reads it and answers its label in lower case', async () => {
    const { detector, requests } = localDetector();

    const sentiment = await detector.detect('the agent was lovely but it took three weeks', 'en-GB');

    expect(sentiment).toBe('mixed');
    const [request] = requests;
    expect(request).toMatchObject({
      method: 'POST',
      hostname: 'comprehend.us-east-1.amazonaws.com',
      path: '/',
    });
    expect(request?.headers['x-amz-target']).toBe('Comprehend_20171127.DetectSentiment');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/us-east-1\/comprehend\//,
    );
    expect(bodyOf(request)).toEqual({
      Text: 'the agent was lovely but it took three weeks',
      LanguageCode: 'en',
    });
  });

  it.each([
    ['不太满意', 'zh-CN', 'zh', 'negative'],
    ['服务很好，但是等了半天', undefined, 'zh', 'mixed'],
    ['服務很好', 'zh-TW', 'zh-TW', 'positive'],
    ['not bad at all', 'sv-SE', 'en', 'positive'],
    ['客服态度很差', 'en', 'zh', 'negative'],
    ['Muy amable', 'es-MX', 'es', 'neutral'],
  ])('reads %s (locale %s) in %s as %s', async (text, locale, languageCode, expected) => {
    const { detector, requests } = localDetector();

    const sentiment = await detector.detect(text, locale);

    expect(bodyOf(requests[0]).LanguageCode).toBe(languageCode);
    expect(sentiment).toBe(expected);
  });

  it('cuts a text over 5,000 bytes to the most whole characters that fit', async () => {
    const { detector, requests } = localDetector();
    const text = 'The agent was rude. '.repeat(300);

    await detector.detect(text, 'en');

    const sent = bodyOf(requests[0]).Text;
    expect(bytesOf(text)).toBe(6000);
    expect(bytesOf(sent)).toBe(COMPREHEND_TEXT_LIMIT_BYTES);
    expect(text.startsWith(sent)).toBe(true);
  });

  it('cuts a Chinese text between two characters, never inside one', async () => {
    const { detector, requests } = localDetector();
    const text = '客服态度很差，等了半天也没解决。'.repeat(125);

    const sentiment = await detector.detect(text, 'zh-CN');

    const [request] = requests;
    const raw = new TextDecoder().decode(request?.body as Uint8Array);
    const sent = bodyOf(request).Text;
    expect(raw).not.toContain('\ufffd');
    expect(sent).toHaveLength(1666);
    expect(bytesOf(sent)).toBe(4998);
    expect(text.startsWith(sent)).toBe(true);
    expect(sentiment).toBe('negative');
  });

  it('cuts between two emoji, never inside a surrogate pair or a skin tone', async () => {
    const { detector, requests } = localDetector();
    const text = `a${'👍🏽'.repeat(700)}`;

    await detector.detect(text, 'en');

    const sent = bodyOf(requests[0]).Text;
    expect(isWellFormed(sent)).toBe(true);
    expect(sent).toBe(`a${'👍🏽'.repeat(624)}`);
    expect(bytesOf(sent)).toBe(4993);
  });

  it('calls nothing for a comment with nothing to read', async () => {
    const { detector, requests } = localDetector();

    expect(await detector.detect('', 'en')).toBe('neutral');
    expect(await detector.detect(' \n\t', 'zh-CN')).toBe('neutral');
    expect(requests).toEqual([]);
  });

  it('sends a lone surrogate as the replacement character a UTF-8 encoder writes', async () => {
    const { detector, requests } = localDetector();

    await detector.detect('great \ud800 service', 'en');

    expect(bodyOf(requests[0]).Text).toBe('great \ufffd service');
  });

  it('surfaces a throttle as a ThrottledError, for the caller to retry with a backoff', async () => {
    const { detector } = localDetector(refusal(400, 'ThrottlingException'));

    const detecting = detector.detect('good', 'en');

    await expect(detecting).rejects.toThrow(ThrottledError);
    await expect(detecting).rejects.toThrow(/Comprehend refused the comment: ThrottlingException/);
  });

  it('surfaces an outage as Comprehend raised it, neither throttled nor permanent: retried', async () => {
    const { detector } = localDetector(refusal(500, 'InternalServerException'));

    const error = await detector.detect('good', 'en').catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ name: 'InternalServerException', $fault: 'server' });
    expect(error).not.toBeInstanceOf(ThrottledError);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('surfaces a refusal of the text for good as a PermanentDeliveryError', async () => {
    const { detector } = localDetector(refusal(400, 'UnsupportedLanguageException'));

    await expect(detector.detect('good', 'en')).rejects.toThrow(PermanentDeliveryError);
  });

  it('refuses an answer with a label Comprehend does not have', async () => {
    const { detector } = localDetector(async () => ({
      statusCode: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-2' },
      body: Buffer.from(JSON.stringify({ Sentiment: 'ELATED', SentimentScore: {} })),
    }));

    await expect(detector.detect('good', 'en')).rejects.toThrow(/unknown sentiment: ELATED/);
  });
});

describe('cutToUtf8Bytes', () => {
  it('keeps the longest well-formed start of the text within the bytes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'é', '好', '😀', '👍🏽', '\u0301', ' '), maxLength: 60 }),
        fc.integer({ min: 0, max: 80 }),
        (text, maxBytes) => {
          const cut = cutToUtf8Bytes(text, maxBytes);

          expect(text.startsWith(cut)).toBe(true);
          expect(bytesOf(cut)).toBeLessThanOrEqual(maxBytes);
          expect(isWellFormed(cut)).toBe(true);
          if (cut !== text) {
            const [nextCharacter] = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(
              text.slice(cut.length),
            );
            expect(bytesOf(cut) + bytesOf(nextCharacter?.segment ?? '')).toBeGreaterThan(maxBytes);
          }
        },
      ),
    );
  });
});
