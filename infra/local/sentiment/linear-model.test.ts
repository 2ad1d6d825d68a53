import { describe, expect, it } from 'vitest';
import { type Example, fitLinearModel, probabilitiesOf } from './linear-model.js';

const example = (label: Example['label'], ...words: string[]): Example => ({
  label,
  features: new Map([['bias', 1], ...words.map((word) => [`w:${word}`, 1] as [string, number])]),
});

/** Four labels, each told by its own word, with words common to all of them. */
const EXAMPLES: Example[] = [
  example('positive', 'great', 'the'),
  example('positive', 'great', 'agent'),
  example('positive', 'great', 'parcel', 'the'),
  example('negative', 'awful', 'the'),
  example('negative', 'awful', 'agent'),
  example('negative', 'awful', 'parcel'),
  example('neutral', 'question', 'the'),
  example('neutral', 'question', 'parcel'),
  example('mixed', 'great', 'awful', 'the'),
  example('mixed', 'great', 'awful', 'agent'),
  example('positive', 'once', 'great'),
];

describe('a linear model of sentiment', () => {
  const model = fitLinearModel(EXAMPLES, { lambda: 0.001, epochs: 300, minExamples: 2 });
  const labelOf = (...words: string[]) => {
    const probabilities = probabilitiesOf(model, example('neutral', ...words).features);
    return Object.entries(probabilities).sort(([, a], [, b]) => b - a)[0]?.[0];
  };

  it('learns each label from the words that tell it, including both at once', () => {
    expect(labelOf('great', 'parcel')).toBe('positive');
    expect(labelOf('awful', 'the')).toBe('negative');
    expect(labelOf('question', 'agent')).toBe('neutral');
    expect(labelOf('great', 'awful', 'parcel')).toBe('mixed');
  });

  it('answers four probabilities summing to 1, and weighs a word it never learnt as nothing', () => {
    const probabilities = probabilitiesOf(model, example('neutral', 'great', 'unheard').features);
    expect(Object.values(probabilities).reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 10);
    expect(probabilities).toEqual(probabilitiesOf(model, example('neutral', 'great').features));
  });

  it('leaves out a word seen in fewer examples than asked, and learns the same weights each time', () => {
    expect(model.weights['w:once']).toBeUndefined();
    expect(model.weights['w:great']).toBeDefined();
    expect(fitLinearModel(EXAMPLES, { lambda: 0.001, epochs: 300, minExamples: 2 })).toEqual(model);
  });

  it('keeps weights smaller the larger the penalty', () => {
    const size = (weights: Record<string, readonly number[]>) =>
      Object.values(weights)
        .flat()
        .reduce((sum, weight) => sum + weight * weight, 0);
    const penalised = fitLinearModel(EXAMPLES, { lambda: 0.3, epochs: 300, minExamples: 2 });
    expect(size(penalised.weights)).toBeLessThan(size(model.weights) / 2);
  });
});
