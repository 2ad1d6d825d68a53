import { randomUUID } from 'node:crypto';
import type { ComprehendClient } from '@aws-sdk/client-comprehend';
import { answerAtTransport, type LocalRequest, type LocalResponse } from './capture.js';
import { analyseSentiment } from './sentiment/analyse-sentiment.js';

/** Comprehend's JSON 1.1 protocol: the operation in this header, the input as the JSON body. */
const TARGET_PREFIX = 'Comprehend_20171127.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** DetectSentiment's `LanguageCode`: every language of the API, each of which it reads. */
const LANGUAGE_CODES = ['ar', 'hi', 'ko', 'zh-TW', 'ja', 'zh', 'de', 'pt', 'en', 'it', 'fr', 'es'];
const MAX_TEXT_BYTES = 5_000;

const headerOf = (request: LocalRequest, name: string): string | undefined =>
  Object.entries(request.headers).find(([header]) => header.toLowerCase() === name)?.[1];

const respond = (statusCode: number, body: unknown): LocalResponse => ({
  statusCode,
  headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID() },
  body: Buffer.from(JSON.stringify(body)),
});

/**
 * An error response as Comprehend sends one: a 400 with the error's name in `__type` and its words in
 * `Message` (the service's own errors, as its model names the member) or `message` (the framework's
 * validation and parsing errors).
 */
const refuse = (type: string, message: string, member: 'Message' | 'message' = 'Message'): LocalResponse =>
  respond(400, { __type: type, [member]: message });

/** The framework's validation of the input against the API's model, named and worded as AWS words it. */
const validationErrors = (input: Record<string, unknown>): string[] => {
  const errors: string[] = [];
  const { Text: text, LanguageCode: languageCode } = input;
  if (text === undefined || text === null) {
    errors.push("Value null at 'text' failed to satisfy constraint: Member must not be null");
  } else if (typeof text !== 'string') {
    errors.push("Value at 'text' failed to satisfy constraint: Member must be a string");
  } else if (text.length < 1) {
    errors.push(
      "Value at 'text' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  if (languageCode === undefined || languageCode === null) {
    errors.push("Value null at 'languageCode' failed to satisfy constraint: Member must not be null");
  } else if (typeof languageCode !== 'string' || !LANGUAGE_CODES.includes(languageCode)) {
    errors.push(
      `Value '${String(languageCode)}' at 'languageCode' failed to satisfy constraint: ` +
        `Member must satisfy enum value set: [${LANGUAGE_CODES.join(', ')}]`,
    );
  }
  return errors;
};

const bodyText = (body: unknown): string =>
  typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : '';

/**
 * Comprehend's DetectSentiment, answered from the request as it reaches the wire: the target header, the
 * JSON body, the checks AWS makes (a `ValidationException` for a missing or empty `Text` or a
 * `LanguageCode` outside the API's list, a `TextSizeLimitExceededException` over 5,000 bytes of UTF-8),
 * then the local analysis's label and scores. Any other operation is a mistake of the caller's, thrown.
 */
export const answerComprehend = async (request: LocalRequest): Promise<LocalResponse> => {
  const target = headerOf(request, 'x-amz-target') ?? '';
  if (target !== `${TARGET_PREFIX}DetectSentiment`) {
    throw new Error(`local Comprehend does not answer ${target || `${request.method} ${request.path}`}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(bodyText(request.body));
  } catch {
    return refuse('SerializationException', 'Start of structure or map found where not expected.', 'message');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return refuse('SerializationException', 'Start of list found where not expected', 'message');
  }
  const errors = validationErrors(input as Record<string, unknown>);
  if (errors.length > 0) {
    const count = errors.length === 1 ? '1 validation error' : `${errors.length} validation errors`;
    return refuse('ValidationException', `${count} detected: ${errors.join('; ')}`, 'message');
  }
  const { Text: text, LanguageCode: languageCode } = input as { Text: string; LanguageCode: string };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TEXT_BYTES) {
    return refuse(
      'TextSizeLimitExceededException',
      `Input text size exceeds limit. Max length of request text allowed is ${MAX_TEXT_BYTES} bytes ` +
        `while in this request the text size is ${bytes} bytes`,
    );
  }
  const { sentiment, scores } = analyseSentiment(text, languageCode);
  return respond(200, {
    Sentiment: sentiment.toUpperCase(),
    SentimentScore: {
      Mixed: scores.mixed,
      Negative: scores.negative,
      Neutral: scores.neutral,
      Positive: scores.positive,
    },
  });
};

/**
 * A Comprehend client whose calls the local twin answers at the transport, after the SDK built,
 * serialised and signed them, with Comprehend's own responses: what the composition root is handed on
 * one machine.
 */
export const answerComprehendLocally = (
  client: ComprehendClient,
  twin: ComprehendTwin = { outage: null },
): ComprehendClient =>
  answerAtTransport(client, async (request) =>
    twin.outage ? OUTAGES[twin.outage]() : answerComprehend(request),
  );

/**
 * The local twin's state, for tests: `outage` makes every call fail as Comprehend does when it sheds
 * load (`throttling`: a 400 `ThrottlingException`) or is out of order (`unavailable`: a 500
 * `InternalServerException`), until it is set back to null.
 */
export interface ComprehendTwin {
  outage: 'throttling' | 'unavailable' | null;
}

const OUTAGES: Record<NonNullable<ComprehendTwin['outage']>, () => LocalResponse> = {
  throttling: () => refuse('ThrottlingException', 'Rate exceeded'),
  unavailable: () => ({
    ...refuse('InternalServerException', 'An internal error occurred.'),
    statusCode: 500,
  }),
};
