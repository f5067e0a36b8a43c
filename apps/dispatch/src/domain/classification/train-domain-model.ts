import { DOMAIN_MODEL_FORMAT, softmax, vectorOf, type CrossValidatedFigures, type DomainModel } from './domain-model';
import { countFeatures, featuresOf, type Segmenter } from './text-features';

export interface LabelledMessage {
  readonly text: string;
  readonly domain: string;
}

export interface TrainingOptions {
  /** A feature must occur in at least this many training messages. */
  readonly minDocumentFrequency: number;
  /** The shipped model keeps only the features with the largest weights. */
  readonly maxFeatures: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly folds: number;
  /** The precision the automatically dispatched share must reach in cross-validation. */
  readonly targetPrecision: number;
  /** What the threshold is chosen on: the calibrated probability of the top domain, or its margin over the runner-up. */
  readonly thresholdOn: 'probability' | 'margin';
  /**
   * NB-LR (naive-Bayes-scaled logistic regression, after Wang and Manning's NBSVM): during training each feature's
   * value for a domain is multiplied by `floor + (1 - floor) · |r|^power`, where r is the feature's naive-Bayes
   * log-count ratio for that domain against the others. Words that tell domains apart then cost less of the L2
   * budget, and the shipped weights carry the scale, so the model file and classification stay as they were.
   * Absent (v1–v3): plain logistic regression.
   */
  readonly naiveBayesScaling?: { readonly power: number; readonly floor: number };
  readonly seed: number;
}

/**
 * Chosen by 5-fold cross-validation on the shipped messages (accuracy and the automatic share at 97% precision);
 * the README's classifier section gives the variants tried and their figures.
 */
export const defaultTrainingOptions: TrainingOptions = {
  minDocumentFrequency: 3,
  maxFeatures: 8000,
  epochs: 20,
  learningRate: 0.25,
  l2: 6e-4,
  folds: 5,
  targetPrecision: 0.97,
  thresholdOn: 'margin',
  naiveBayesScaling: { power: 0.5, floor: 0.3 },
  seed: 20201,
};

interface Featurised {
  readonly counts: ReadonlyMap<string, number>;
  readonly label: number;
}

interface Weights {
  readonly features: string[];
  readonly idf: number[];
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** Out-of-fold raw scores, the input of calibration and threshold choice. */
interface HeldOut {
  readonly scores: Float64Array;
  readonly label: number;
}

/** Mulberry32: a small seeded generator, so that training twice on the same data gives the same model. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

function vocabularyOf(documents: readonly Featurised[], minDocumentFrequency: number): { features: string[]; idf: number[] } {
  const frequency = new Map<string, number>();
  for (const document of documents) for (const feature of document.counts.keys()) frequency.set(feature, (frequency.get(feature) ?? 0) + 1);
  const features = [...frequency.keys()].filter((feature) => frequency.get(feature)! >= minDocumentFrequency).sort();
  const idf = features.map((feature) => Math.log((1 + documents.length) / (1 + frequency.get(feature)!)) + 1);
  return { features, idf };
}

/**
 * The scale of every feature for every domain (feature-major, like the weights): `floor + (1 - floor) · |r|^power`,
 * r the log of how much more often a message of the domain has the feature than a message of another domain does,
 * each side normalised by its total and smoothed by one.
 */
export function naiveBayesScales(
  presence: readonly (readonly number[])[],
  labels: readonly number[],
  featureCount: number,
  classes: number,
  scaling: { readonly power: number; readonly floor: number },
): Float64Array {
  const inDomain = new Float64Array(featureCount * classes).fill(1);
  const total = new Float64Array(featureCount);
  presence.forEach((features, document) => {
    for (const feature of features) {
      inDomain[feature * classes + labels[document]] += 1;
      total[feature] += 1;
    }
  });
  const outside = (feature: number, label: number) => total[feature] + classes - inDomain[feature * classes + label];
  const inDomainSum = new Float64Array(classes);
  const outsideSum = new Float64Array(classes);
  for (let feature = 0; feature < featureCount; feature++)
    for (let label = 0; label < classes; label++) {
      inDomainSum[label] += inDomain[feature * classes + label];
      outsideSum[label] += outside(feature, label);
    }
  const scales = new Float64Array(featureCount * classes);
  for (let feature = 0; feature < featureCount; feature++)
    for (let label = 0; label < classes; label++) {
      const ratio = Math.log(inDomain[feature * classes + label] / inDomainSum[label] / (outside(feature, label) / outsideSum[label]));
      scales[feature * classes + label] = scaling.floor + (1 - scaling.floor) * Math.pow(Math.abs(ratio), scaling.power);
    }
  return scales;
}

/**
 * Softmax regression by AdaGrad-scaled stochastic gradient descent with L2 on the weights a message touches; with
 * naive-Bayes scaling, on the scaled values, the returned weights multiplied by the scales.
 */
function fitWeights(
  documents: readonly Featurised[],
  classes: number,
  features: string[],
  idf: number[],
  options: TrainingOptions,
): Weights {
  const index = new Map(features.map((feature, position) => [feature, position]));
  const vectors = documents.map((document) => vectorOf(document.counts, (feature) => index.get(feature), idf));
  const scales = options.naiveBayesScaling
    ? naiveBayesScales(
        vectors.map(({ indices }) => Array.from(indices)),
        documents.map(({ label }) => label),
        features.length,
        classes,
        options.naiveBayesScaling,
      )
    : new Float64Array(features.length * classes).fill(1);
  const weights = new Float64Array(features.length * classes);
  const squaredGradients = new Float64Array(features.length * classes).fill(1e-8);
  const bias = new Float64Array(classes);
  const biasSquaredGradients = new Float64Array(classes).fill(1e-8);
  const random = seededRandom(options.seed);
  const order = documents.map((_, position) => position);
  const scores = new Float64Array(classes);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const position of shuffled(order, random)) {
      const { indices, values } = vectors[position];
      scores.set(bias);
      for (let entry = 0; entry < indices.length; entry++) {
        const offset = indices[entry] * classes;
        for (let label = 0; label < classes; label++) scores[label] += values[entry] * weights[offset + label] * scales[offset + label];
      }
      const probabilities = softmax(scores);
      for (let label = 0; label < classes; label++) {
        const error = probabilities[label] - (label === documents[position].label ? 1 : 0);
        biasSquaredGradients[label] += error * error;
        bias[label] -= (options.learningRate * error) / Math.sqrt(biasSquaredGradients[label]);
        for (let entry = 0; entry < indices.length; entry++) {
          const slot = indices[entry] * classes + label;
          const gradient = error * values[entry] * scales[slot] + options.l2 * weights[slot];
          squaredGradients[slot] += gradient * gradient;
          weights[slot] -= (options.learningRate * gradient) / Math.sqrt(squaredGradients[slot]);
        }
      }
    }
  }
  for (let slot = 0; slot < weights.length; slot++) weights[slot] *= scales[slot];
  return { features, idf, weights, bias };
}

function scoresOf(
  weights: Weights,
  counts: ReadonlyMap<string, number>,
  index: ReadonlyMap<string, number>,
  classes: number,
): Float64Array {
  const { indices, values } = vectorOf(counts, (feature) => index.get(feature), weights.idf);
  const scores = Float64Array.from(weights.bias);
  for (let entry = 0; entry < indices.length; entry++) {
    const offset = indices[entry] * classes;
    for (let label = 0; label < classes; label++) scores[label] += values[entry] * weights.weights[offset + label];
  }
  return scores;
}

/** Keeps the features whose strongest weight is largest, then fits again on those alone. */
function pruned(documents: readonly Featurised[], classes: number, full: Weights, options: TrainingOptions): Weights {
  if (full.features.length <= options.maxFeatures) return full;
  const strength = full.features.map((_, feature) => {
    let strongest = 0;
    for (let label = 0; label < classes; label++) strongest = Math.max(strongest, Math.abs(full.weights[feature * classes + label]));
    return strongest;
  });
  const kept = full.features
    .map((_, feature) => feature)
    .sort((left, right) => strength[right] - strength[left])
    .slice(0, options.maxFeatures)
    .sort((left, right) => left - right);
  return fitWeights(
    documents,
    classes,
    kept.map((feature) => full.features[feature]),
    kept.map((feature) => full.idf[feature]),
    options,
  );
}

function train(documents: readonly Featurised[], classes: number, options: TrainingOptions): Weights {
  const { features, idf } = vocabularyOf(documents, options.minDocumentFrequency);
  return pruned(documents, classes, fitWeights(documents, classes, features, idf, options), options);
}

/** The temperature that minimises the held-out log loss, so that a confidence of 0.9 is right about 90% of the time. */
export function fitTemperature(heldOut: readonly HeldOut[]): number {
  let best = { temperature: 1, loss: Infinity };
  for (let temperature = 0.05; temperature <= 3; temperature += 0.01) {
    let loss = 0;
    for (const { scores, label } of heldOut) loss -= Math.log(Math.max(softmax(scores, temperature)[label], 1e-12));
    if (loss < best.loss) best = { temperature, loss };
  }
  return Math.round(best.temperature * 100) / 100;
}

export interface ScoredPrediction {
  readonly confidence: number;
  readonly correct: boolean;
}

/**
 * The lowest confidence threshold at which the predictions at or above it are still right at least `targetPrecision`
 * of the time: the largest automatic share that keeps the promised precision. 1 when no share reaches it.
 */
export function chooseThreshold(predictions: readonly ScoredPrediction[], targetPrecision: number): number {
  const sorted = [...predictions].sort((left, right) => right.confidence - left.confidence);
  let correct = 0;
  let threshold = 1;
  for (let position = 0; position < sorted.length; position++) {
    if (sorted[position].correct) correct++;
    const nextIsTied = position + 1 < sorted.length && sorted[position + 1].confidence === sorted[position].confidence;
    if (!nextIsTied && correct / (position + 1) >= targetPrecision) threshold = sorted[position].confidence;
  }
  return threshold;
}

export interface TrainedDomainModel {
  readonly model: DomainModel;
  /** Every training message's out-of-fold prediction, for reports; `confidence` is what the threshold is compared with. */
  readonly crossValidated: readonly { readonly predicted: string; readonly actual: string; readonly confidence: number }[];
}

/**
 * Trains the shipped model on every message and measures it by k-fold cross-validation: each fold is predicted by a
 * model that never saw it, and those held-out predictions calibrate the confidence and choose the threshold.
 */
export function trainDomainModel(
  messages: readonly LabelledMessage[],
  segment: Segmenter,
  meta: { readonly version: string; readonly trainedAt: Date; readonly corrections: number },
  options: TrainingOptions = defaultTrainingOptions,
): TrainedDomainModel {
  const domains = [...new Set(messages.map((message) => message.domain))].sort();
  if (domains.length < 2) throw new Error('training needs messages of at least two domains');
  const classes = domains.length;
  const documents: Featurised[] = messages.map((message) => ({
    counts: countFeatures(featuresOf(message.text, segment)),
    label: domains.indexOf(message.domain),
  }));

  const random = seededRandom(options.seed);
  const foldOf = new Int32Array(documents.length);
  shuffled(
    documents.map((_, position) => position),
    random,
  ).forEach((position, rank) => (foldOf[position] = rank % options.folds));
  const heldOut: HeldOut[] = new Array(documents.length);
  for (let fold = 0; fold < options.folds; fold++) {
    const weights = train(
      documents.filter((_, position) => foldOf[position] !== fold),
      classes,
      options,
    );
    const index = new Map(weights.features.map((feature, position) => [feature, position]));
    documents.forEach((document, position) => {
      if (foldOf[position] === fold)
        heldOut[position] = { scores: scoresOf(weights, document.counts, index, classes), label: document.label };
    });
  }
  const temperature = fitTemperature(heldOut);
  const crossValidated = heldOut.map(({ scores, label }) => {
    const probabilities = softmax(scores, temperature);
    const [top, runnerUp] = [...probabilities].sort((left, right) => right - left);
    const predicted = probabilities.indexOf(top);
    const confidence = options.thresholdOn === 'margin' ? top - runnerUp : top;
    return { predicted: domains[predicted], actual: domains[label], confidence };
  });
  const scored = crossValidated.map(({ predicted, actual, confidence }) => ({ confidence, correct: predicted === actual }));
  const threshold = chooseThreshold(scored, options.targetPrecision);
  const automatic = scored.filter(({ confidence }) => confidence >= threshold);
  const figures: CrossValidatedFigures = {
    folds: options.folds,
    examples: documents.length,
    accuracy: round(scored.filter(({ correct }) => correct).length / scored.length),
    autoShare: round(automatic.length / scored.length),
    autoPrecision: round(automatic.filter(({ correct }) => correct).length / Math.max(automatic.length, 1)),
  };

  const final = train(documents, classes, options);
  const model: DomainModel = {
    format: DOMAIN_MODEL_FORMAT,
    version: meta.version,
    trainedAt: meta.trainedAt.toISOString(),
    examples: { shipped: messages.length - meta.corrections, corrections: meta.corrections },
    domains,
    // Rounded down, so that the message that set the threshold is still dispatched automatically.
    threshold: Math.floor(threshold * 10000) / 10000,
    thresholdOn: options.thresholdOn,
    temperature,
    crossValidation: figures,
    features: final.features,
    idf: final.idf.map((value) => round(value, 100)),
    weights: Array.from(final.weights, (value) => round(value, 1000)),
    bias: Array.from(final.bias, (value) => round(value)),
  };
  return { model, crossValidated };
}

function round(value: number, scale = 10000): number {
  return Math.round(value * scale) / scale;
}
