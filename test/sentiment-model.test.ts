import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHeldOutSet, readLabelledSet } from '../bench/insight.js';
import {
  modelText,
  readTrainingSet,
  type TrainedModel,
  trainSentimentModel,
} from '../bench/train-sentiment.js';
import { MODEL_URL } from '../infra/local/sentiment/analyse-sentiment.js';

/** Weights are kept to four decimals: one step of the last, either way, is the same weight. */
const SAME_WEIGHT = 2e-4;
/** Learning from 6,000 comments takes about 15 s on a free core; a loaded one may take several times that. */
const LEARNING_MS = 300_000;
/** Two comments are one when they differ only in case, spaces and punctuation ("It's fine." and "its fine"). */
const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

describe('the local analyser’s sentiment model', () => {
  const committed = JSON.parse(readFileSync(MODEL_URL, 'utf8')) as TrainedModel;
  const training = readTrainingSet();

  it(
    'is the model its training comments give, so that no weight was edited by hand or left stale',
    () => {
      const trained = trainSentimentModel(training, committed.options, committed.crossValidated);

      expect(trained.comments).toBe(committed.comments);
      expect(trained.labels).toEqual(committed.labels);
      const features = new Set([...Object.keys(trained.weights), ...Object.keys(committed.weights)]);
      const apart = [...features].filter((feature) =>
        [0, 1, 2, 3].some(
          (label) =>
            Math.abs((trained.weights[feature]?.[label] ?? 0) - (committed.weights[feature]?.[label] ?? 0)) >
            SAME_WEIGHT,
        ),
      );
      expect(apart).toEqual([]);
    },
    LEARNING_MS,
  );

  it('learnt from no comment of the held-out or the labelled set, whose figures say how it reads the unseen', () => {
    const measured = new Set(
      [...readHeldOutSet(), ...readLabelledSet()].map((comment) => comparable(comment.text)),
    );

    expect(training.filter((comment) => measured.has(comparable(comment.text))).length).toBe(0);
    expect(committed.comments).toBe(training.length);
  });

  it('is kept a feature a line, and reads back as it was written', () => {
    const text = readFileSync(MODEL_URL, 'utf8');

    expect(modelText(committed)).toBe(text);
    expect(text.split('\n').length).toBeGreaterThan(Object.keys(committed.weights).length);
  });
});
