import { SENTIMENTS, type Sentiment } from '../../../lib/surveys/sentiments.js';

/**
 * A multinomial logistic regression over named features: a weight per feature and label, and the
 * probability of each label the softmax of their sums. Learnt from labelled comments by
 * `fitLinearModel`, kept as JSON beside the analyser, and read by it to weigh what the rules found
 * against the words that came with it.
 */
export interface LinearModel {
  /** The labels in the order of each weight row. */
  labels: readonly Sentiment[];
  /** Each feature's weight for each label, in the order of `labels`. A feature not here weighs nothing. */
  weights: Readonly<Record<string, readonly number[]>>;
}

/** A comment as the model reads it: each feature's value (1 for a word that is there). */
export type Features = ReadonlyMap<string, number>;

/** The probability of each label, summing to 1. */
export const probabilitiesOf = (model: LinearModel, features: Features): Record<Sentiment, number> => {
  const sums = model.labels.map((_, index) => {
    let sum = 0;
    for (const [feature, value] of features) sum += (model.weights[feature]?.[index] ?? 0) * value;
    return sum;
  });
  const highest = Math.max(...sums);
  const exponentials = sums.map((sum) => Math.exp(sum - highest));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  const probabilities = { positive: 0, neutral: 0, negative: 0, mixed: 0 };
  for (const [index, label] of model.labels.entries())
    probabilities[label] = (exponentials[index] ?? 0) / total;
  return probabilities;
};

export interface Example {
  features: Features;
  label: Sentiment;
}

export interface FitOptions {
  /** The L2 penalty on every weight: larger shrinks every weight, and so the model's certainty, towards equal odds. */
  lambda: number;
  /** Full passes over the examples. */
  epochs: number;
  /** A feature seen in fewer examples than this is left out: one comment's words teach nothing. */
  minExamples: number;
}

export const FIT_DEFAULTS: FitOptions = { lambda: 0.0001, epochs: 300, minExamples: 2 };

/** Adam's step and decay rates: the usual ones, with a step that settles within a few hundred passes. */
const STEP = 0.05;
const FIRST_DECAY = 0.9;
const SECOND_DECAY = 0.999;
/** Weights are kept to this many decimals, and a feature whose every weight rounds to 0 is dropped. */
const DECIMALS = 4;

/**
 * A model of the examples' labels: a fixed number of passes of full-batch gradient descent (Adam) on
 * the mean cross-entropy plus the L2 penalty. Deterministic: the same examples give the same weights.
 */
export const fitLinearModel = (
  examples: readonly Example[],
  options: FitOptions = FIT_DEFAULTS,
): LinearModel => {
  const labels = SENTIMENTS;
  const width = labels.length;
  const seen = new Map<string, number>();
  for (const { features } of examples) {
    for (const feature of features.keys()) seen.set(feature, (seen.get(feature) ?? 0) + 1);
  }
  const index = new Map<string, number>();
  for (const [feature, count] of [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (count >= options.minExamples) index.set(feature, index.size);
  }
  const rows = examples.map(({ features, label }) => ({
    label: labels.indexOf(label),
    values: [...features]
      .filter(([feature]) => index.has(feature))
      .map(([feature, value]) => [index.get(feature) as number, value] as const),
  }));
  const weights = new Float64Array(index.size * width);
  const gradient = new Float64Array(weights.length);
  const first = new Float64Array(weights.length);
  const second = new Float64Array(weights.length);
  const sums = new Float64Array(width);
  for (let epoch = 1; epoch <= options.epochs; epoch += 1) {
    gradient.fill(0);
    for (const row of rows) {
      for (let label = 0; label < width; label += 1) {
        let sum = 0;
        for (const [feature, value] of row.values) sum += (weights[feature * width + label] ?? 0) * value;
        sums[label] = sum;
      }
      const highest = Math.max(...sums);
      let total = 0;
      for (let label = 0; label < width; label += 1) {
        const exponential = Math.exp((sums[label] ?? 0) - highest);
        sums[label] = exponential;
        total += exponential;
      }
      for (let label = 0; label < width; label += 1) {
        const error = (sums[label] ?? 0) / total - (label === row.label ? 1 : 0);
        for (const [feature, value] of row.values) {
          const at = feature * width + label;
          gradient[at] = (gradient[at] ?? 0) + error * value;
        }
      }
    }
    const firstCorrection = 1 - FIRST_DECAY ** epoch;
    const secondCorrection = 1 - SECOND_DECAY ** epoch;
    for (let at = 0; at < weights.length; at += 1) {
      const weight = weights[at] ?? 0;
      const slope = (gradient[at] ?? 0) / rows.length + options.lambda * weight;
      const moment = FIRST_DECAY * (first[at] ?? 0) + (1 - FIRST_DECAY) * slope;
      const square = SECOND_DECAY * (second[at] ?? 0) + (1 - SECOND_DECAY) * slope * slope;
      first[at] = moment;
      second[at] = square;
      weights[at] =
        weight - (STEP * (moment / firstCorrection)) / (Math.sqrt(square / secondCorrection) + 1e-8);
    }
  }
  const rounded: Record<string, number[]> = {};
  for (const [feature, at] of index) {
    const row = labels.map((_, label) => Number((weights[at * width + label] ?? 0).toFixed(DECIMALS)));
    if (row.some((weight) => weight !== 0)) rounded[feature] = row;
  }
  return { labels, weights: rounded };
};
