import { type ComprehendClient, DetectSentimentCommand } from '@aws-sdk/client-comprehend';
import { deliveryErrorOf } from '../platform/errors.js';
import { wellFormed } from '../platform/text.js';
import type { Sentiment } from '../surveys/sentiments.js';
import { comprehendLanguageOf } from './comment-language.js';
import type { SentimentDetector } from './ports.js';

/** The most text DetectSentiment reads in one call, in bytes of UTF-8. */
export const COMPREHEND_TEXT_LIMIT_BYTES = 5_000;

/** Refusals after which the same request can never succeed; anything else is worth retrying. */
const PERMANENT = new Set([
  'InvalidRequestException',
  'TextSizeLimitExceededException',
  'UnsupportedLanguageException',
  'ValidationException',
]);

/** Comprehend asks to slow down: the caller retries with a backoff. */
const THROTTLED = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling']);

const LABELS: Record<string, Sentiment> = {
  POSITIVE: 'positive',
  NEUTRAL: 'neutral',
  NEGATIVE: 'negative',
  MIXED: 'mixed',
};

let graphemes: Intl.Segmenter | undefined;

/**
 * The longest start of `text` that takes at most `maxBytes` bytes of UTF-8, cut between two characters
 * as a reader sees them: never inside a UTF-8 sequence, a surrogate pair, or an emoji with its
 * modifiers.
 */
export const cutToUtf8Bytes = (text: string, maxBytes: number): string => {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment, index } of graphemes.segment(text)) {
    bytes += Buffer.byteLength(segment, 'utf8');
    if (bytes > maxBytes) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
};

/**
 * The sentiment of a comment from Amazon Comprehend's `DetectSentiment`: in the invitation's language or
 * the one its text is written in, on its first 5,000 bytes (a comment is at most 2,000 characters, so
 * this cuts only a long one in CJK characters, which take 3 bytes each).
 */
export class ComprehendSentimentDetector implements SentimentDetector {
  constructor(private readonly client: ComprehendClient) {}

  async detect(text: string, language: string | undefined): Promise<Sentiment> {
    const readable = wellFormed(text);
    if (readable.trim() === '') return 'neutral';
    const sent = cutToUtf8Bytes(readable, COMPREHEND_TEXT_LIMIT_BYTES);
    let answered: string | undefined;
    try {
      ({ Sentiment: answered } = await this.client.send(
        new DetectSentimentCommand({ Text: sent, LanguageCode: comprehendLanguageOf(language, sent) }),
      ));
    } catch (error) {
      throw deliveryErrorOf(error, 'Comprehend refused the comment', {
        permanent: PERMANENT,
        throttled: THROTTLED,
      });
    }
    const sentiment = LABELS[answered ?? ''];
    if (!sentiment) throw new Error(`Comprehend answered an unknown sentiment: ${String(answered)}`);
    return sentiment;
  }
}
