/** What a comment says of the experience, in Amazon Comprehend's four labels. */
export const SENTIMENTS = ['positive', 'neutral', 'negative', 'mixed'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/**
 * Reads the sentiment of a customer's comment: on AWS Amazon Comprehend, on one machine its local
 * twin, through the same adapter.
 */
export interface SentimentDetector {
  /**
   * The comment's sentiment. `language` is the invitation's locale as the customer's language tag
   * (`en-GB`, `zh-CN`), or undefined when it has none; the language the text is read in is chosen from
   * it and from the text itself (see `comprehendLanguageOf`). A comment with nothing to read (empty or
   * only blanks) is `neutral`. Throws a `ThrottledError` when the provider asks to slow down, a
   * `PermanentDeliveryError` when it refuses the text for good, and the provider's own error when it is
   * out of order: each but the permanent one worth retrying.
   */
  detect(text: string, language: string | undefined): Promise<Sentiment>;
}
