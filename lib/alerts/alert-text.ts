import { LINE_BREAK } from '../platform/text.js';

/** How alerts name the surveys. */
export const SURVEY_NAMES = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;

/**
 * Text from outside (a customer's comment, an integrator's attribute) quoted line by line, so that it
 * cannot pass for one of the alert's own lines: every line break a mail or chat client honours starts
 * a new quoted line.
 */
export const quoted = (text: string): string =>
  text
    .split(LINE_BREAK)
    .map((line) => `> ${line}`)
    .join('\n');

/** An answer's attributes, each quoted like a comment, under a heading; nothing when there are none. */
export const quotedAttributes = (attributes: Record<string, string> | undefined): string[] => {
  const entries = Object.entries(attributes ?? {});
  return entries.length === 0
    ? []
    : ['Attributes:', ...entries.map(([name, value]) => quoted(`${name}: ${value}`))];
};

/** What an alert knows of its comment's labels: as analysed (or pending), none without a comment. */
export interface AlertInsight {
  status: 'pending' | 'done' | 'failed';
  sentiment?: string | undefined;
  topics: readonly string[];
}

/**
 * The comment's labels in words, one line under the comment: its sentiment and topics as analysed,
 * what is known while the analysis is pending or after it failed, nothing without a comment.
 */
export const insightLine = (insight: AlertInsight | null | undefined): string | undefined => {
  if (!insight) return undefined;
  const topics = insight.topics.length > 0 ? insight.topics.join(', ') : 'none found';
  if (insight.status === 'done') return `Sentiment: ${insight.sentiment ?? 'unknown'}. Topics: ${topics}.`;
  const sentiment = insight.status === 'pending' ? 'being analysed' : 'could not be analysed';
  return `Sentiment: ${sentiment}. Topics: ${topics}.`;
};

/**
 * The labels as message attributes, for subscription filter policies: `sentiment` (its label, or
 * `pending`, or `none` without a comment or analysis) and `topic`, a String.Array (an alert about
 * waiting and price matches a policy on either). Like `agent`, never absent, since a filter policy
 * never matches an attribute a message lacks: no topic is `["none"]`.
 */
export const insightAttributes = (
  insight: AlertInsight | null | undefined,
): { sentiment: string; topic: string[] } => ({
  sentiment:
    insight?.status === 'done' && insight.sentiment
      ? insight.sentiment
      : insight?.status === 'pending'
        ? 'pending'
        : 'none',
  topic: insight && insight.topics.length > 0 ? [...insight.topics] : ['none'],
});
