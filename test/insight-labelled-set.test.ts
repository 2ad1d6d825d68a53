import { describe, expect, it } from 'vitest';
import {
  LANGUAGES,
  type LabelledComment,
  measureSentimentAgreement,
  measureTopicAccuracy,
  readHeldOutSet,
  readLabelledSet,
  readTuningSet,
  SENTIMENTS,
} from '../bench/insight.js';
import { DEFAULT_TOPIC_IDS, type Taxonomy } from '../lib/settings/topics.js';

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[a-z]{2,}/i;

describe('the labelled set of comments', () => {
  const set = readLabelledSet();

  it('holds at least 200 comments, half English and half Chinese', () => {
    expect(set.length).toBeGreaterThanOrEqual(200);
    expect(set.filter((comment) => comment.language === 'en')).toHaveLength(set.length / 2);
  });

  it('holds each comment once', () => {
    expect(new Set(set.map((comment) => comment.text)).size).toBe(set.length);
  });

  it('labels only default topics, each once a comment', () => {
    for (const comment of set) {
      expect(comment.topics.every((topic) => (DEFAULT_TOPIC_IDS as readonly string[]).includes(topic))).toBe(
        true,
      );
      expect(new Set(comment.topics).size).toBe(comment.topics.length);
    }
  });

  it.each(LANGUAGES)('has every topic and every sentiment in %s, and comments with no topic', (language) => {
    const comments = set.filter((comment) => comment.language === language);

    for (const topic of DEFAULT_TOPIC_IDS) {
      expect(comments.filter((comment) => comment.topics.includes(topic)).length).toBeGreaterThanOrEqual(5);
    }
    for (const sentiment of SENTIMENTS) {
      expect(comments.filter((comment) => comment.sentiment === sentiment).length).toBeGreaterThanOrEqual(5);
    }
    expect(comments.filter((comment) => comment.topics.length === 0).length).toBeGreaterThanOrEqual(5);
  });

  it('has short, long and mixed-language comments in both languages', () => {
    for (const language of LANGUAGES) {
      const comments = set.filter((comment) => comment.language === language);
      expect(comments.some((comment) => [...comment.text].length <= 4)).toBe(true);
      expect(comments.some((comment) => [...comment.text].length >= 150)).toBe(true);
      expect(comments.some((comment) => HAN.test(comment.text) && LATIN_WORD.test(comment.text))).toBe(true);
    }
  });

  it('writes each comment mostly in its language', () => {
    for (const comment of set) {
      const han = [...comment.text].filter((character) => HAN.test(character)).length;
      const latin = comment.text.match(/[a-z]+/gi)?.length ?? 0;
      expect(comment.language === 'zh' ? han >= latin : latin >= han).toBe(true);
    }
  });
});

describe('the held-out set of comments', () => {
  const set = readHeldOutSet();

  it('holds at least 200 comments, at least 100 in each language', () => {
    expect(set.length).toBeGreaterThanOrEqual(200);
    for (const language of LANGUAGES) {
      expect(set.filter((comment) => comment.language === language).length).toBeGreaterThanOrEqual(100);
    }
  });

  it('holds each comment once, none of them from the labelled set', () => {
    const labelled = new Set(readLabelledSet().map((comment) => comment.text.trim().toLowerCase()));

    expect(new Set(set.map((comment) => comment.text)).size).toBe(set.length);
    expect(set.filter((comment) => labelled.has(comment.text.trim().toLowerCase()))).toEqual([]);
  });

  it('labels only default topics, each once a comment', () => {
    for (const comment of set) {
      expect(comment.topics.every((topic) => (DEFAULT_TOPIC_IDS as readonly string[]).includes(topic))).toBe(
        true,
      );
      expect(new Set(comment.topics).size).toBe(comment.topics.length);
    }
  });

  it.each(LANGUAGES)('has every topic and every sentiment in %s, and comments with no topic', (language) => {
    const comments = set.filter((comment) => comment.language === language);

    for (const topic of DEFAULT_TOPIC_IDS) {
      expect(comments.some((comment) => comment.topics.includes(topic))).toBe(true);
    }
    for (const sentiment of SENTIMENTS) {
      expect(comments.some((comment) => comment.sentiment === sentiment)).toBe(true);
    }
    expect(comments.some((comment) => comment.topics.length === 0)).toBe(true);
  });

  it('writes each comment mostly in its language', () => {
    for (const comment of set) {
      const han = [...comment.text].filter((character) => HAN.test(character)).length;
      const latin = comment.text.match(/[a-z]+/gi)?.length ?? 0;
      expect(comment.language === 'zh' ? han >= latin : latin >= han).toBe(true);
    }
  });
});

describe('the tuning set of comments', () => {
  const set = readTuningSet();
  // Two comments are one when they differ only in case, spaces and punctuation ("It's fine." and "its fine").
  const comparable = (comment: LabelledComment) => comment.text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

  it('holds at least 240 comments in each language', () => {
    for (const language of LANGUAGES) {
      expect(set.filter((comment) => comment.language === language).length).toBeGreaterThanOrEqual(240);
    }
  });

  it('holds each comment once, none of them from the labelled or the held-out set', () => {
    const elsewhere = new Set([...readLabelledSet(), ...readHeldOutSet()].map(comparable));

    expect(new Set(set.map((comment) => comment.text)).size).toBe(set.length);
    expect(set.filter((comment) => elsewhere.has(comparable(comment))).length).toBe(0);
  });

  it('labels only default topics, each once a comment', () => {
    for (const comment of set) {
      expect(comment.topics.every((topic) => (DEFAULT_TOPIC_IDS as readonly string[]).includes(topic))).toBe(
        true,
      );
      expect(new Set(comment.topics).size).toBe(comment.topics.length);
    }
  });

  it.each(LANGUAGES)(
    'weighs in its first batch what the analyser read worst in %s: plain complaints, mixed comments, communication and resolution',
    (language) => {
      const comments = readLabelledSet(new URL('../bench/insight-tuning.json', import.meta.url)).filter(
        (comment) => comment.language === language,
      );
      const share = (test: (comment: LabelledComment) => boolean) =>
        comments.filter(test).length / comments.length;

      for (const sentiment of SENTIMENTS) {
        expect(comments.filter((comment) => comment.sentiment === sentiment).length).toBeGreaterThanOrEqual(
          10,
        );
      }
      expect(share((comment) => comment.sentiment === 'negative')).toBeGreaterThanOrEqual(0.4);
      expect(share((comment) => comment.sentiment === 'mixed')).toBeGreaterThanOrEqual(0.1);
      for (const topic of ['communication', 'resolution']) {
        expect(share((comment) => comment.topics.includes(topic))).toBeGreaterThanOrEqual(0.12);
      }
      for (const topic of DEFAULT_TOPIC_IDS) {
        expect(comments.filter((comment) => comment.topics.includes(topic)).length).toBeGreaterThanOrEqual(5);
      }
      expect(comments.filter((comment) => comment.topics.length === 0).length).toBeGreaterThanOrEqual(5);
    },
  );

  it('writes each comment mostly in its language', () => {
    for (const comment of set) {
      const han = [...comment.text].filter((character) => HAN.test(character)).length;
      const latin = comment.text.match(/[a-z]+/gi)?.length ?? 0;
      expect(comment.language === 'zh' ? han >= latin : latin >= han).toBe(true);
    }
  });
});

describe('the accuracy figures', () => {
  const taxonomy: Taxonomy = [
    { id: 'waiting', labels: { en: 'Waiting', zh: '等待' }, phrases: { en: ['slow'], zh: ['慢'] } },
    { id: 'price', labels: { en: 'Price', zh: '价格' }, phrases: { en: ['price'], zh: ['贵'] } },
  ];
  const set: LabelledComment[] = [
    { text: 'slow and the price', language: 'en', sentiment: 'negative', topics: ['waiting', 'price'] },
    { text: 'slow', language: 'en', sentiment: 'negative', topics: [] },
    { text: '太贵', language: 'zh', sentiment: 'negative', topics: ['price', 'waiting'] },
    { text: '好', language: 'zh', sentiment: 'positive', topics: [] },
  ];

  it('counts topic precision and recall over every label, per language and per topic', () => {
    const accuracy = measureTopicAccuracy(set, taxonomy);

    expect(accuracy.overall).toMatchObject({ truePositives: 3, falsePositives: 1, falseNegatives: 1 });
    expect(accuracy.overall.precision).toBe(0.75);
    expect(accuracy.overall.recall).toBe(0.75);
    expect(accuracy.byLanguage.en).toMatchObject({ precision: 2 / 3, recall: 1 });
    expect(accuracy.byLanguage.zh).toMatchObject({ precision: 1, recall: 0.5 });
    expect(accuracy.byTopic.waiting).toMatchObject({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
    });
    expect(accuracy.exactMatch).toBe(0.5);
    expect(accuracy.misses.map((miss) => [miss.text, miss.missed, miss.extra])).toEqual([
      ['slow', [], ['waiting']],
      ['太贵', ['waiting'], []],
    ]);
  });

  it('counts sentiment agreement with the function it is given', async () => {
    const agreement = await measureSentimentAgreement(set, async (text) =>
      text === '好' ? 'positive' : 'neutral',
    );

    expect(agreement.agreement).toBe(0.25);
    expect(agreement.byLanguage).toEqual({ en: 0, zh: 0.5 });
    expect(agreement.confusion.negative.neutral).toBe(3);
    expect(agreement.confusion.positive.positive).toBe(1);
  });
});
