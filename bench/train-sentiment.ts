import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { featuresOf, MODEL_URL } from '../infra/local/sentiment/analyse-sentiment.js';
import {
  type Example,
  FIT_DEFAULTS,
  type FitOptions,
  fitLinearModel,
  type LinearModel,
  probabilitiesOf,
} from '../infra/local/sentiment/linear-model.js';
import {
  type LabelledComment,
  type Language,
  readLabelledSet,
  readTuningSet,
  TUNING_SET_URLS,
} from './insight.js';

/*
 * Learns the local analyser's weights (`infra/local/sentiment/sentiment-model.json`) from the tuning
 * batches' comments (never the labelled set's nor the held-out set's): `npm run train:sentiment`. The penalty is the one that reads
 * best in five-fold cross-validation over those comments, and the file records that figure, the only
 * one of the training comments that says how the model reads comments it was not fitted on.
 */

/** The penalties cross-validation chooses from. */
export const LAMBDAS = [0.00003, 0.0001, 0.0003, 0.001];
const FOLDS = 5;

/**
 * The comments the model learns from: every tuning batch. Never the held-out set, nor the labelled set,
 * so that the benchmark's accuracy figures over both say how the model reads comments it did not learn.
 */
export const readTrainingSet = (): LabelledComment[] => readTuningSet();

export interface CrossValidated {
  agreement: number;
  byLanguage: Record<Language, number>;
}

export interface TrainedModel extends LinearModel {
  about: string;
  comments: number;
  options: FitOptions;
  crossValidated: CrossValidated;
}

const examplesOf = (set: readonly LabelledComment[]): (Example & { language: Language })[] =>
  set.map((comment) => ({
    features: featuresOf(comment.text, comment.language),
    label: comment.sentiment,
    language: comment.language,
  }));

const labelOf = (model: LinearModel, example: Example) => {
  const probabilities = probabilitiesOf(model, example.features);
  return model.labels.reduce((best, label) => (probabilities[label] > probabilities[best] ? label : best));
};

/** A comment's fold: a hash of its text, so that a comment keeps its fold whatever is added around it. */
const foldOf = (text: string) => {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
  return (hash >>> 0) % FOLDS;
};

/** Agreement of models fitted on four folds with the labels of the fifth, each fold in turn. */
export const crossValidate = (set: readonly LabelledComment[], options: FitOptions): CrossValidated => {
  const examples = examplesOf(set);
  const folds = set.map((comment) => foldOf(comment.text));
  const agreed: Record<Language, number> = { en: 0, zh: 0 };
  const total: Record<Language, number> = { en: 0, zh: 0 };
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const model = fitLinearModel(
      examples.filter((_, index) => folds[index] !== fold),
      options,
    );
    for (const [index, example] of examples.entries()) {
      if (folds[index] !== fold) continue;
      total[example.language] += 1;
      if (labelOf(model, example) === example.label) agreed[example.language] += 1;
    }
  }
  const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  return {
    agreement: share(agreed.en + agreed.zh, total.en + total.zh),
    byLanguage: { en: share(agreed.en, total.en), zh: share(agreed.zh, total.zh) },
  };
};

/**
 * How the model reads each of the last `count` tuning batches when it learns from all the others: the
 * figure for comments of a kind it has not learnt from, against the rules alone on the same comments.
 * `npm run train:sentiment -- --leave-out=5` prints it.
 */
export const leaveBatchesOut = (count: number, options: FitOptions) => {
  const batches = TUNING_SET_URLS.map((url) => examplesOf(readLabelledSet(url)));
  const rows: { batch: string; comments: number; model: number; rules: number }[] = [];
  for (let left = batches.length - count; left < batches.length; left += 1) {
    const model = fitLinearModel(batches.filter((_, index) => index !== left).flat(), options);
    const tested = batches[left] ?? [];
    const agreed = tested.filter((example) => labelOf(model, example) === example.label).length;
    const rules = tested.filter((example) =>
      example.features.has(`rule:${example.language}:${example.label}`),
    ).length;
    rows.push({
      batch: TUNING_SET_URLS[left]?.pathname.split('/').at(-1) ?? String(left),
      comments: tested.length,
      model: agreed / tested.length,
      rules: rules / tested.length,
    });
  }
  return rows;
};

/** The model of the training comments with the given options, and its cross-validated agreement. */
export const trainSentimentModel = (
  set: readonly LabelledComment[],
  options: FitOptions,
  crossValidated: CrossValidated,
): TrainedModel => ({
  about:
    'Weights of the local sentiment analyser, learnt by bench/train-sentiment.ts from the comments of the tuning batches, labelled by hand (never the labelled or the held-out set). Do not edit: train again.',
  comments: set.length,
  options,
  crossValidated,
  ...fitLinearModel(examplesOf(set), options),
});

/** The model as JSON, a feature a line, so that a change of weights reads as a change of lines. */
export const modelText = ({ weights, ...model }: TrainedModel): string => {
  const rows = Object.entries(weights).map(
    ([feature, row]) => `    ${JSON.stringify(feature)}: ${JSON.stringify(row)}`,
  );
  return `${JSON.stringify(model, null, 2).replace(/\n}$/, `,\n  "weights": {\n${rows.join(',\n')}\n  }\n}`)}\n`;
};

const main = () => {
  const leaveOut = process.argv.find((arg) => arg.startsWith('--leave-out='));
  if (leaveOut) {
    const committed = JSON.parse(readFileSync(MODEL_URL, 'utf8')) as TrainedModel;
    const rows = leaveBatchesOut(Number(leaveOut.slice('--leave-out='.length)), committed.options);
    for (const row of rows) {
      console.log(
        `${row.batch}: ${row.comments} comments, model ${row.model.toFixed(3)}, rules ${row.rules.toFixed(3)}`,
      );
    }
    const comments = rows.reduce((sum, row) => sum + row.comments, 0);
    const pooled = (key: 'model' | 'rules') =>
      rows.reduce((sum, row) => sum + row[key] * row.comments, 0) / comments;
    console.log(`pooled: model ${pooled('model').toFixed(3)}, rules ${pooled('rules').toFixed(3)}`);
    return;
  }
  const set = readTrainingSet();
  let best: { options: FitOptions; figures: CrossValidated } | undefined;
  for (const lambda of LAMBDAS) {
    const options = { ...FIT_DEFAULTS, lambda };
    const figures = crossValidate(set, options);
    console.log(
      `lambda ${lambda}: ${figures.agreement.toFixed(3)} (en ${figures.byLanguage.en.toFixed(3)}, zh ${figures.byLanguage.zh.toFixed(3)})`,
    );
    if (!best || figures.agreement > best.figures.agreement) best = { options, figures };
  }
  if (!best) throw new Error('no penalty to choose from');
  const model = trainSentimentModel(set, best.options, best.figures);
  writeFileSync(MODEL_URL, modelText(model));
  console.log(
    `${set.length} comments, lambda ${best.options.lambda}, ${Object.keys(model.weights).length} features`,
  );
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
