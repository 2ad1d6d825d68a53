import { parseOrThrow } from '../platform/errors.js';
import { SCALES, type Survey } from '../surveys/scales.js';
import type { Segment } from '../surveys/segments.js';
import { SENTIMENTS, type Sentiment } from '../surveys/sentiments.js';
import type { Day, Window } from '../surveys/window.js';
import type { Counts } from './fold.js';
import { emptyHistogram, estimateOf, type Histogram, roundFraction } from './formulas.js';
import { LABEL_COUNTS } from './insight-counts.js';
import {
  type MetricsDeps,
  readWindowTotals,
  type segmentOfQuery,
  WindowQuerySchema,
} from './read-metrics.js';

export type SentimentCounts = Record<Sentiment, number>;

export interface TopicRow extends SentimentCounts {
  topic: string;
  mentions: number;
  /** The survey's score over the counted answers that mention the topic; null with none. */
  score: number | null;
  /**
   * How many points the topic moves the overall score: the overall score minus the score over the
   * counted answers that do not mention it, one decimal; null when either side has no answers.
   */
  impact: number | null;
}

export interface TopicsAnswer {
  survey: Survey;
  window: Window;
  from: Day;
  to: Day;
  segment: Segment;
  comments: number;
  sentiment: SentimentCounts;
  topics: TopicRow[];
}

const sentimentsOf = (counts: Counts, name: (sentiment: Sentiment) => string): SentimentCounts =>
  Object.fromEntries(
    SENTIMENTS.map((sentiment) => [sentiment, counts[name(sentiment)] ?? 0]),
  ) as SentimentCounts;

/** The histogram of the scores of the answers that mention a topic, from its `t:<topic>@<score>` counts. */
const topicHistogram = (survey: Survey, counts: Counts, topic: string): Histogram =>
  emptyHistogram(survey).map((_, i) => counts[LABEL_COUNTS.topicScore(topic, SCALES[survey].min + i)] ?? 0);

const scoreOf = (survey: Survey, histogram: Histogram): number | null => {
  const exact = estimateOf(survey, histogram).exact;
  return exact ? roundFraction(exact.score, 1) : null;
};

/** Overall minus the score without the topic, on exact fractions, then rounded. */
const impactOf = (survey: Survey, overall: Histogram, mentioning: Histogram): number | null => {
  const all = estimateOf(survey, overall).exact;
  const without = estimateOf(
    survey,
    overall.map((count, i) => count - (mentioning[i] ?? 0)),
  ).exact;
  if (!all || !without) return null;
  return roundFraction(
    {
      numerator:
        all.score.numerator * without.score.denominator - without.score.numerator * all.score.denominator,
      denominator: all.score.denominator * without.score.denominator,
    },
    1,
  );
};

/**
 * What customers' comments are about over a window, overall or for one segment: the analysed comments,
 * their sentiment, and each topic mentioned, ranked by mentions (then by id), with its sentiment, the
 * survey's score over the answers that mention it, and its impact on the overall score. The base of the
 * score and the impact is every counted answer of the survey in the window and segment, each on the day
 * its score counts on. One query over the same day buckets as the score, whatever the number of comments.
 */
export const readTopics = async (
  query: Parameters<typeof segmentOfQuery>[0] & { survey: Survey; window: Window },
  deps: MetricsDeps,
): Promise<TopicsAnswer> => {
  const { segment, from, to, histogram: overall, counts } = await readWindowTotals(query, deps);
  const topics = Object.entries(counts)
    .flatMap(([name, mentions]) => {
      const topic = /^t:([^:@]+)$/.exec(name)?.[1];
      return topic && mentions > 0 ? [{ topic, mentions }] : [];
    })
    .map(({ topic, mentions }): TopicRow => {
      const mentioning = topicHistogram(query.survey, counts, topic);
      return {
        topic,
        mentions,
        ...sentimentsOf(counts, (sentiment) => LABEL_COUNTS.topicSentiment(topic, sentiment)),
        score: scoreOf(query.survey, mentioning),
        impact: impactOf(query.survey, overall, mentioning),
      };
    })
    .sort((a, b) => b.mentions - a.mentions || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
  return {
    survey: query.survey,
    window: query.window,
    from,
    to,
    segment,
    comments: counts[LABEL_COUNTS.comments] ?? 0,
    sentiment: sentimentsOf(counts, LABEL_COUNTS.sentiment),
    topics,
  };
};

/** `GET /metrics/topics`: the query as it came (a wrong parameter is a 400 naming it), then the topics. */
export const answerTopicsQuery = (input: unknown, deps: MetricsDeps): Promise<TopicsAnswer> =>
  readTopics(parseOrThrow(WindowQuerySchema, input ?? {}), deps);
