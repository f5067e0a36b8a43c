import { bigramKey, isChinesePair, visitFeatures, type Segmenter } from './text-features';

export const DOMAIN_MODEL_FORMAT = 'ugov-domain-classifier/1';

/** What cross-validation on the training data measured; shipped in the model so anyone can see what to expect. */
export interface CrossValidatedFigures {
  readonly folds: number;
  readonly examples: number;
  readonly accuracy: number;
  /** Share of messages at or above the threshold, and how many of those were right. */
  readonly autoShare: number;
  readonly autoPrecision: number;
}

/**
 * A trained first-level domain classifier as stored in a file: multinomial logistic regression over TF-IDF
 * weighted words and character bigrams, with a temperature that calibrates its confidence and the threshold
 * above which a case is dispatched without a human.
 */
export interface DomainModel {
  readonly format: typeof DOMAIN_MODEL_FORMAT;
  readonly version: string;
  readonly trainedAt: string;
  readonly examples: { readonly shipped: number; readonly corrections: number };
  /** First-level domains exactly as named in the taxonomy (城乡建设 …). */
  readonly domains: readonly string[];
  readonly threshold: number;
  /**
   * What the threshold is compared with: the top domain's probability (the default, v1 and v2), or its margin, the
   * top probability minus the runner-up's, which separates right from wrong predictions a little better.
   */
  readonly thresholdOn?: 'probability' | 'margin';
  readonly temperature: number;
  readonly crossValidation: CrossValidatedFigures;
  readonly features: readonly string[];
  readonly idf: readonly number[];
  /** Feature-major: the weight of feature f for domain d is weights[f * domains.length + d]. */
  readonly weights: readonly number[];
  readonly bias: readonly number[];
}

export interface DomainPrediction {
  readonly domain: string;
  /** Calibrated probability that `domain` is right. */
  readonly confidence: number;
  /** `confidence` minus the runner-up's probability: how clearly the text belongs to `domain` rather than another. */
  readonly margin: number;
  /** Every domain with its probability, most likely first. */
  readonly ranking: readonly { readonly domain: string; readonly probability: number }[];
}

export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}

/** Checks a parsed model file, so that a truncated or foreign file stops start-up instead of misrouting cases. */
export function parseDomainModel(raw: unknown, origin: string): DomainModel {
  const model = raw as DomainModel;
  const problem = (reason: string) => new ModelFormatError(`${origin}: ${reason}`);
  if (model?.format !== DOMAIN_MODEL_FORMAT) throw problem(`format must be ${DOMAIN_MODEL_FORMAT}`);
  if (typeof model.version !== 'string' || !model.version) throw problem('version is missing');
  if (!Array.isArray(model.domains) || model.domains.length < 2) throw problem('domains must list at least two domains');
  if (!(model.threshold > 0 && model.threshold <= 1)) throw problem('threshold must be in (0, 1]');
  if (!(model.temperature > 0)) throw problem('temperature must be positive');
  if (model.thresholdOn !== undefined && model.thresholdOn !== 'probability' && model.thresholdOn !== 'margin')
    throw problem('thresholdOn must be probability or margin');
  if (!Array.isArray(model.features) || !Array.isArray(model.idf) || model.idf.length !== model.features.length)
    throw problem('features and idf must be arrays of the same length');
  if (!Array.isArray(model.weights) || model.weights.length !== model.features.length * model.domains.length)
    throw problem('weights must hold one weight per feature and domain');
  if (!Array.isArray(model.bias) || model.bias.length !== model.domains.length) throw problem('bias must hold one value per domain');
  return model;
}

/** Sparse TF-IDF vector, L2-normalised: log-scaled counts so one repeated word cannot dominate a message. */
export function vectorOf<Feature>(
  counts: ReadonlyMap<Feature, number>,
  indexOf: (feature: Feature) => number | undefined,
  idf: readonly number[],
): { readonly indices: Int32Array; readonly values: Float64Array } {
  const indices: number[] = [];
  const values: number[] = [];
  let norm = 0;
  for (const [feature, count] of counts) {
    const index = indexOf(feature);
    if (index === undefined) continue;
    const value = (1 + Math.log(count)) * idf[index];
    indices.push(index);
    values.push(value);
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { indices: Int32Array.from(indices), values: Float64Array.from(values, (value) => value * scale) };
}

export function softmax(scores: readonly number[] | Float64Array, temperature = 1): Float64Array {
  const max = Math.max(...scores);
  const exps = Float64Array.from(scores, (score) => Math.exp((score - max) / temperature));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}

/**
 * Where each of the model's features is, by kind and without its prefix: words by their text, characters and bigrams
 * by their codes, so that reading a text makes no feature strings (they were most of what classifying allocated).
 */
class FeatureIndex {
  private readonly words = new Map<string, number>();
  private readonly characters = new Map<number, number>();
  private readonly bigrams = new Map<number, number>();

  constructor(features: readonly string[]) {
    features.forEach((feature, index) => {
      const body = feature.slice(2);
      if (feature.startsWith('w:')) this.words.set(body, index);
      else if (feature.startsWith('c:') && body.length === 1) this.characters.set(body.charCodeAt(0), index);
      else if (feature.startsWith('b:') && isChinesePair(body)) this.bigrams.set(bigramKey(body.charCodeAt(0), body.charCodeAt(1)), index);
    });
  }

  /** The text's counts by feature index, in the order `featuresOf` first meets each feature; unknown ones left out. */
  countsOf(text: string, segment: Segmenter): Map<number, number> {
    const counts = new Map<number, number>();
    const count = (index: number | undefined) => {
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    };
    visitFeatures(text, segment, {
      word: (word) => count(this.words.get(word)),
      character: (code) => count(this.characters.get(code)),
      bigram: (first, second) => count(this.bigrams.get(bigramKey(first, second))),
    });
    return counts;
  }
}

/** Classifies free Chinese text into a first-level domain with a calibrated confidence. Loaded once, read-only. */
export class DomainClassifier {
  private readonly featureIndex: FeatureIndex;

  constructor(
    readonly model: DomainModel,
    private readonly segment: Segmenter,
  ) {
    this.featureIndex = new FeatureIndex(model.features);
  }

  get version(): string {
    return this.model.version;
  }

  /** What the model's threshold is compared with: the prediction's probability or its margin. */
  certainty(prediction: DomainPrediction): number {
    return this.model.thresholdOn === 'margin' ? prediction.margin : prediction.confidence;
  }

  /** Whether a prediction is sure enough to dispatch without a human. */
  isConfident(prediction: DomainPrediction): boolean {
    return this.certainty(prediction) >= this.model.threshold;
  }

  /** The text's TF-IDF vector over the model's features. */
  vectorOf(text: string): ReturnType<typeof vectorOf> {
    return vectorOf(this.featureIndex.countsOf(text, this.segment), (index) => index, this.model.idf);
  }

  classify(text: string): DomainPrediction {
    const { domains, weights, bias, temperature } = this.model;
    const vector = this.vectorOf(text);
    const scores = Float64Array.from(bias);
    const width = domains.length;
    for (let entry = 0; entry < vector.indices.length; entry++) {
      const offset = vector.indices[entry] * width;
      const value = vector.values[entry];
      for (let domain = 0; domain < width; domain++) scores[domain] += value * weights[offset + domain];
    }
    const probabilities = softmax(scores, temperature);
    const ranking = domains
      .map((domain, index) => ({ domain, probability: probabilities[index] }))
      .sort((left, right) => right.probability - left.probability);
    return {
      domain: ranking[0].domain,
      confidence: ranking[0].probability,
      margin: ranking[0].probability - ranking[1].probability,
      ranking,
    };
  }
}
