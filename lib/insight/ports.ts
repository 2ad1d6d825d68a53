import type { Sentiment } from '../surveys/sentiments.js';
import type { CommentLabels } from './labels.js';

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

/** Comments' labels, one item beside each answer with a comment (see lib/insight/labels.ts). */
export interface LabelsStore {
  get(invitationId: string): Promise<CommentLabels | null>;
  /** Writes an answer's labels as they now are. */
  put(labels: CommentLabels): Promise<void>;
  /**
   * Writes the outcome of a retried analysis, only while the stored labels are still pending for the
   * same comment: false when the comment changed or someone settled it meanwhile.
   */
  settle(labels: CommentLabels): Promise<boolean>;
  /** Takes an answer's labels away (its comment was removed). */
  remove(invitationId: string): Promise<void>;
}

/** Where comments wait whose analysis is to be tried again, off the stream. */
export interface AnalysisQueue {
  /** Asks for the comment of `commentDigest` on this answer to be analysed again, a little later. */
  retry(invitationId: string, commentDigest: string): Promise<void>;
}
