import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { DEFAULT_TAXONOMY } from '../lib/insight/default-taxonomy.js';
import { topicsOf } from '../lib/insight/topic-rules.js';
import type { Taxonomy } from '../lib/settings/topics.js';

/*
 * How well comment insight reads what customers say, against `insight-labelled.json`: comments
 * labelled by hand before any analyser ran on them (its `guide` says how), half English and half
 * Simplified Chinese. The analyser's rules were tuned on that set's misses, so its figures are
 * in-sample for the rules; the sentiment model never learnt from it. The tuning batches
 * (`insight-tuning.json`, `insight-tuning-2.json` and on) were written and labelled the same way,
 * several by annotators who never saw the analyser; the rules were tuned on them and the model learnt
 * from them: in-sample. `insight-held-out.json` holds other comments, labelled by the same guide before
 * the analyser ever read them, never tuned on nor learnt from (only its aggregate figures are ever
 * read), for figures that say how it reads comments it has not seen.
 */

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export const SENTIMENTS = ['positive', 'neutral', 'negative', 'mixed'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

const LabelledCommentSchema = z.strictObject({
  text: z.string().min(1),
  language: z.enum(LANGUAGES),
  sentiment: z.enum(SENTIMENTS),
  topics: z.array(z.string()),
});
export type LabelledComment = z.infer<typeof LabelledCommentSchema>;

const LabelledSetSchema = z.strictObject({
  guide: z.record(z.string(), z.unknown()),
  comments: z.array(LabelledCommentSchema),
});

export const LABELLED_SET_URL = new URL('./insight-labelled.json', import.meta.url);

/** The labelled comments, checked against their shape. */
export const readLabelledSet = (url: URL = LABELLED_SET_URL): LabelledComment[] =>
  LabelledSetSchema.parse(JSON.parse(readFileSync(url, 'utf8'))).comments;

/**
 * The tuning batches, oldest first. The first weighs what the first analyser read worst (complaints
 * stated as plain facts, mixed comments, communication and resolution); the second was written the same
 * way; the third (244 comments, sentiment 0.807 and topics 0.802 / 0.816 when the analyser first read
 * it) and the rest by annotators who never saw the analyser or the other sets, the fourth to fifteenth as
 * the corpus its sentiment model learns from (each `guide.batch` says whose and what). A comment one of
 * them shared with an earlier set was taken out.
 */
export const TUNING_SET_URLS: readonly URL[] = [
  'insight-tuning.json',
  ...Array.from({ length: 14 }, (_, index) => `insight-tuning-${index + 2}.json`),
].map((file) => new URL(`./${file}`, import.meta.url));

/** The tuning comments of every batch, checked against the same shape: in-sample like the labelled set. */
export const readTuningSet = (): LabelledComment[] => TUNING_SET_URLS.flatMap((url) => readLabelledSet(url));

export const HELD_OUT_SET_URL = new URL('./insight-held-out.json', import.meta.url);

/** The held-out comments, checked against the same shape. Tuning on them makes their figures in-sample. */
export const readHeldOutSet = (): LabelledComment[] => readLabelledSet(HELD_OUT_SET_URL);

/** Precision and recall of predicted labels, micro-averaged: every (comment, topic) pair counts once. */
export interface PrecisionRecall {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Share of predicted topics that the labels hold; 1 when nothing was predicted. */
  precision: number;
  /** Share of labelled topics that were predicted; 1 when nothing was labelled. */
  recall: number;
  f1: number;
}

const precisionRecall = (truePositives: number, falsePositives: number, falseNegatives: number) => {
  const precision =
    truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
};

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const tallyOf = (tally: Tally): PrecisionRecall => precisionRecall(tally.tp, tally.fp, tally.fn);

/** A comment the rules read differently from its labels. */
export interface TopicMiss {
  text: string;
  language: Language;
  missed: string[];
  extra: string[];
}

export interface TopicAccuracy {
  overall: PrecisionRecall;
  byLanguage: Record<Language, PrecisionRecall>;
  byTopic: Record<string, PrecisionRecall>;
  /** Share of comments whose predicted topics are exactly their labels. */
  exactMatch: number;
  misses: TopicMiss[];
}

/** Topic precision and recall of `topicsOf` over the set, overall, per language and per topic. */
export const measureTopicAccuracy = (
  set: readonly LabelledComment[],
  taxonomy: Taxonomy = DEFAULT_TAXONOMY,
): TopicAccuracy => {
  const overall: Tally = { tp: 0, fp: 0, fn: 0 };
  const byLanguage: Record<Language, Tally> = { en: { tp: 0, fp: 0, fn: 0 }, zh: { tp: 0, fp: 0, fn: 0 } };
  const byTopic = new Map<string, Tally>(taxonomy.map((topic) => [topic.id, { tp: 0, fp: 0, fn: 0 }]));
  const misses: TopicMiss[] = [];
  let exact = 0;
  for (const comment of set) {
    const predicted = new Set(topicsOf(comment.text, taxonomy));
    const labelled = new Set(comment.topics);
    const missed = [...labelled].filter((topic) => !predicted.has(topic));
    const extra = [...predicted].filter((topic) => !labelled.has(topic));
    const hits = predicted.size - extra.length;
    for (const tally of [overall, byLanguage[comment.language]]) {
      tally.tp += hits;
      tally.fp += extra.length;
      tally.fn += missed.length;
    }
    for (const topic of labelled) {
      const tally = byTopic.get(topic);
      if (tally && predicted.has(topic)) tally.tp += 1;
      else if (tally) tally.fn += 1;
    }
    for (const topic of extra) {
      const tally = byTopic.get(topic);
      if (tally) tally.fp += 1;
    }
    if (missed.length === 0 && extra.length === 0) exact += 1;
    else misses.push({ text: comment.text, language: comment.language, missed, extra });
  }
  return {
    overall: tallyOf(overall),
    byLanguage: { en: tallyOf(byLanguage.en), zh: tallyOf(byLanguage.zh) },
    byTopic: Object.fromEntries([...byTopic].map(([topic, tally]) => [topic, tallyOf(tally)])),
    exactMatch: set.length === 0 ? 1 : exact / set.length,
    misses,
  };
};

/** Reads a comment's sentiment: the local analyser, or anything else that answers the same question. */
export type SentimentOf = (text: string, language: Language) => Promise<Sentiment>;

export interface SentimentAgreement {
  /** Share of comments whose sentiment is the label's. */
  agreement: number;
  byLanguage: Record<Language, number>;
  /** How many comments of each labelled sentiment were read as each sentiment: `confusion[label][read]`. */
  confusion: Record<Sentiment, Record<Sentiment, number>>;
}

/** Agreement of a sentiment analyser with the labels, overall and per language. */
export const measureSentimentAgreement = async (
  set: readonly LabelledComment[],
  sentimentOf: SentimentOf,
): Promise<SentimentAgreement> => {
  const emptyRow = () => Object.fromEntries(SENTIMENTS.map((s) => [s, 0])) as Record<Sentiment, number>;
  const confusion = Object.fromEntries(SENTIMENTS.map((s) => [s, emptyRow()])) as Record<
    Sentiment,
    Record<Sentiment, number>
  >;
  const agreed: Record<Language, number> = { en: 0, zh: 0 };
  const total: Record<Language, number> = { en: 0, zh: 0 };
  for (const comment of set) {
    const read = await sentimentOf(comment.text, comment.language);
    confusion[comment.sentiment][read] += 1;
    total[comment.language] += 1;
    if (read === comment.sentiment) agreed[comment.language] += 1;
  }
  const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  return {
    agreement: share(agreed.en + agreed.zh, total.en + total.zh),
    byLanguage: { en: share(agreed.en, total.en), zh: share(agreed.zh, total.zh) },
    confusion,
  };
};

/**
 * Comments per second on one core (one JavaScript thread): the set read over and over for at least
 * `minMs` after a warm-up round.
 */
const throughput = (
  set: readonly LabelledComment[],
  analyse: (comment: LabelledComment) => unknown,
  minMs: number,
) => {
  for (const comment of set) analyse(comment);
  let comments = 0;
  const started = performance.now();
  while (performance.now() - started < minMs) {
    for (const comment of set) analyse(comment);
    comments += set.length;
  }
  return comments / ((performance.now() - started) / 1000);
};

/** The same for work that answers a promise, each comment awaited before the next. */
const throughputAwaited = async (
  set: readonly LabelledComment[],
  analyse: (comment: LabelledComment) => Promise<unknown>,
  minMs: number,
) => {
  for (const comment of set) await analyse(comment);
  let comments = 0;
  const started = performance.now();
  while (performance.now() - started < minMs) {
    for (const comment of set) await analyse(comment);
    comments += set.length;
  }
  return comments / ((performance.now() - started) / 1000);
};

/** Comments per second through the topic rules, one core. */
export const measureTopicThroughput = (
  set: readonly LabelledComment[],
  taxonomy: Taxonomy = DEFAULT_TAXONOMY,
  minMs = 2_000,
): number => throughput(set, (comment) => topicsOf(comment.text, taxonomy), minMs);

/** Comments per second through a sentiment analyser, one core. */
export const measureSentimentThroughput = (
  set: readonly LabelledComment[],
  sentimentOf: SentimentOf,
  minMs = 2_000,
): Promise<number> => throughputAwaited(set, (comment) => sentimentOf(comment.text, comment.language), minMs);

/**
 * The local twin's sentiment analyser (what the local runtime's Comprehend answers with), read
 * directly rather than through the SDK: loaded on first use, so that reading the set or the topic
 * figures does not load the Chinese segmenter.
 */
export const localSentimentOf = async (): Promise<SentimentOf> => {
  const { analyseSentiment } = await import('../infra/local/sentiment/analyse-sentiment.js');
  return async (text, language) => analyseSentiment(text, language).sentiment;
};

/** The accuracy figures of one set, keyed under `prefix` (`insight.tuning`, `insight.heldOut`), with its size. */
const setFigures = async (
  prefix: string,
  set: readonly LabelledComment[],
  sentimentOf: SentimentOf,
): Promise<Record<string, number>> => {
  const topics = measureTopicAccuracy(set);
  const sentiment = await measureSentimentAgreement(set, sentimentOf);
  return {
    [`${prefix}.comments`]: set.length,
    [`${prefix}.sentiment`]: sentiment.agreement,
    [`${prefix}.sentimentEn`]: sentiment.byLanguage.en,
    [`${prefix}.sentimentZh`]: sentiment.byLanguage.zh,
    [`${prefix}.topics.f1`]: topics.overall.f1,
    [`${prefix}.topics.precision`]: topics.overall.precision,
    [`${prefix}.topics.recall`]: topics.overall.recall,
    [`${prefix}.topics.precisionEn`]: topics.byLanguage.en.precision,
    [`${prefix}.topics.recallEn`]: topics.byLanguage.en.recall,
    [`${prefix}.topics.precisionZh`]: topics.byLanguage.zh.precision,
    [`${prefix}.topics.recallZh`]: topics.byLanguage.zh.recall,
  };
};

/**
 * Every insight figure, keyed as `bench/run.ts` records them, with the local sentiment analyser unless
 * another is given. `insight.accuracy.*` and the throughputs read the labelled set (in-sample);
 * `insight.tuning.*` the same accuracy figures over the tuning set (in-sample too) and
 * `insight.heldOut.*` over the held-out set, each with its size.
 * `insight.commentsPerSecond` is the whole analysis of a comment (its sentiment, then its topics), as
 * the reactor does it; `insight.topicsPerSecond` and `insight.sentimentPerSecond` are each part alone.
 */
export const measureInsight = async (
  sentimentOf?: SentimentOf,
  set: readonly LabelledComment[] = readLabelledSet(),
  heldOut: readonly LabelledComment[] = readHeldOutSet(),
  tuning: readonly LabelledComment[] = readTuningSet(),
): Promise<Record<string, number>> => {
  const sentimentOfComment = sentimentOf ?? (await localSentimentOf());
  const topics = measureTopicAccuracy(set);
  const figures: Record<string, number> = {
    'insight.accuracy.topics': topics.overall.f1,
    'insight.accuracy.topicsPrecision': topics.overall.precision,
    'insight.accuracy.topicsRecall': topics.overall.recall,
    'insight.accuracy.topicsPrecisionEn': topics.byLanguage.en.precision,
    'insight.accuracy.topicsRecallEn': topics.byLanguage.en.recall,
    'insight.accuracy.topicsPrecisionZh': topics.byLanguage.zh.precision,
    'insight.accuracy.topicsRecallZh': topics.byLanguage.zh.recall,
    'insight.topicsPerSecond': measureTopicThroughput(set),
  };
  const sentiment = await measureSentimentAgreement(set, sentimentOfComment);
  figures['insight.accuracy.sentiment'] = sentiment.agreement;
  figures['insight.accuracy.sentimentEn'] = sentiment.byLanguage.en;
  figures['insight.accuracy.sentimentZh'] = sentiment.byLanguage.zh;
  figures['insight.sentimentPerSecond'] = await measureSentimentThroughput(set, sentimentOfComment);
  figures['insight.commentsPerSecond'] = await throughputAwaited(
    set,
    async (comment) => {
      await sentimentOfComment(comment.text, comment.language);
      return topicsOf(comment.text, DEFAULT_TAXONOMY);
    },
    2_000,
  );
  Object.assign(figures, await setFigures('insight.tuning', tuning, sentimentOfComment));
  Object.assign(figures, await setFigures('insight.heldOut', heldOut, sentimentOfComment));
  return figures;
};
