import { TAG_COUNT, viterbi } from '../../apps/publication/src/domain/redaction/name-address-tagger';
import { seededRandom } from './seeded-random';

/** A sentence as the trainer sees it: feature ids per position and the gold tag of each position. */
export interface TrainingSentence {
  readonly features: readonly Int32Array[];
  readonly tags: readonly number[];
}

/** The averaged weights after training. */
export interface AveragedWeights {
  readonly features: Float32Array;
  readonly transitions: Float32Array;
  readonly start: Float32Array;
}

/** A deterministic shuffle, so that training twice gives the same model. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

/**
 * Structured perceptron over first-order BIO sequences, with weight averaging (Collins 2002) kept lazily:
 * `sums` accumulates step × update, and the average is weights − sums / steps.
 */
export class AveragedPerceptron {
  private readonly weights: Float64Array;
  private readonly sums: Float64Array;
  private readonly transitions = new Float64Array(TAG_COUNT * TAG_COUNT);
  private readonly transitionSums = new Float64Array(TAG_COUNT * TAG_COUNT);
  private readonly start = new Float64Array(TAG_COUNT);
  private readonly startSums = new Float64Array(TAG_COUNT);
  private steps = 1;

  constructor(readonly featureCount: number) {
    this.weights = new Float64Array(featureCount * TAG_COUNT);
    this.sums = new Float64Array(featureCount * TAG_COUNT);
  }

  private emissions(sentence: TrainingSentence): Float32Array[] {
    return sentence.features.map((ids) => {
      const scores = new Float32Array(TAG_COUNT);
      for (const id of ids) for (let tag = 0; tag < TAG_COUNT; tag++) scores[tag] += this.weights[id * TAG_COUNT + tag];
      return scores;
    });
  }

  predict(sentence: TrainingSentence): number[] {
    return viterbi(this.emissions(sentence), Float32Array.from(this.transitions), Float32Array.from(this.start));
  }

  private bump(weights: Float64Array, sums: Float64Array, index: number, delta: number): void {
    weights[index] += delta;
    sums[index] += this.steps * delta;
  }

  /** One pass over the sentences in a seeded order; returns the share of positions tagged wrong. */
  epoch(sentences: readonly TrainingSentence[], seed: number): number {
    let wrong = 0;
    let total = 0;
    for (const sentence of shuffled(sentences, seed)) {
      const predicted = this.predict(sentence);
      const gold = sentence.tags;
      total += gold.length;
      for (let i = 0; i < gold.length; i++) {
        if (predicted[i] !== gold[i]) {
          wrong++;
          for (const id of sentence.features[i]) {
            this.bump(this.weights, this.sums, id * TAG_COUNT + gold[i], 1);
            this.bump(this.weights, this.sums, id * TAG_COUNT + predicted[i], -1);
          }
        }
        const goldFrom = i === 0 ? -1 : gold[i - 1];
        const predictedFrom = i === 0 ? -1 : predicted[i - 1];
        if (goldFrom === predictedFrom && gold[i] === predicted[i]) continue;
        if (i === 0) {
          this.bump(this.start, this.startSums, gold[0], 1);
          this.bump(this.start, this.startSums, predicted[0], -1);
        } else {
          this.bump(this.transitions, this.transitionSums, goldFrom * TAG_COUNT + gold[i], 1);
          this.bump(this.transitions, this.transitionSums, predictedFrom * TAG_COUNT + predicted[i], -1);
        }
      }
      this.steps++;
    }
    return wrong / Math.max(1, total);
  }

  averaged(): AveragedWeights {
    const average = (weights: Float64Array, sums: Float64Array) =>
      Float32Array.from(weights, (weight, index) => weight - sums[index] / this.steps);
    return {
      features: average(this.weights, this.sums),
      transitions: average(this.transitions, this.transitionSums),
      start: average(this.start, this.startSums),
    };
  }
}
