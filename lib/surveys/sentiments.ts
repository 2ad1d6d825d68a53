/** What a comment says of the experience, in Amazon Comprehend's four labels. */
export const SENTIMENTS = ['positive', 'neutral', 'negative', 'mixed'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
