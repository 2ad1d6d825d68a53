import type { CommentLabels } from '../insight/labels.js';
import type { Sentiment } from '../surveys/sentiments.js';
import type { Counts, CountsDelta } from './fold.js';

/**
 * The names a comment's labels are counted under, beside a day bucket's histogram:
 *
 * - `comments`: analysed comments of counted answers;
 * - `s:<sentiment>`: each sentiment;
 * - `t:<topic>`: the topic's mentions, `t:<topic>:<sentiment>` their sentiment, and `t:<topic>@<score>`
 *   the histogram of the scores of the answers that mention it (the survey's score over those answers).
 */
export const LABEL_COUNTS = {
  comments: 'comments',
  sentiment: (sentiment: Sentiment) => `s:${sentiment}`,
  topic: (topic: string) => `t:${topic}`,
  topicSentiment: (topic: string, sentiment: Sentiment) => `t:${topic}:${sentiment}`,
  topicScore: (topic: string, score: number) => `t:${topic}@${score}`,
} as const;

/** What one labels item counts: nothing until it is analysed, or while its answer counts nowhere. */
const countsOf = (labels: CommentLabels | null): Counts => {
  if (labels?.status !== 'done' || labels.score === null || !labels.sentiment) return {};
  const { sentiment, score } = labels;
  const counts: Counts = { [LABEL_COUNTS.comments]: 1, [LABEL_COUNTS.sentiment(sentiment)]: 1 };
  for (const topic of new Set(labels.topics)) {
    counts[LABEL_COUNTS.topic(topic)] = 1;
    counts[LABEL_COUNTS.topicSentiment(topic, sentiment)] = 1;
    counts[LABEL_COUNTS.topicScore(topic, score)] = 1;
  }
  return counts;
};

const negated = (counts: Counts): Counts =>
  Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, -count]));

/**
 * What one stream record of a labels item does to the counts: the old image's counts out, the new
 * one's in, each in the buckets of its own answer's day and segments. A re-analysis, a changed score
 * or a released answer moves the counts; a replay of the same record changes nothing (the fold's
 * fences); a deletion takes them out.
 */
export const labelCountsOf = (before: CommentLabels | null, after: CommentLabels | null): CountsDelta[] =>
  [
    before && { labels: before, counts: negated(countsOf(before)) },
    after && { labels: after, counts: countsOf(after) },
  ].flatMap((side) =>
    side && Object.keys(side.counts).length > 0
      ? [
          {
            survey: side.labels.survey,
            day: side.labels.day,
            segments: {
              team: side.labels.team,
              channel: side.labels.channel,
              touchpoint: side.labels.touchpoint,
              agent: side.labels.agent,
            },
            counts: side.counts,
          },
        ]
      : [],
  );
