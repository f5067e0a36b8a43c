/**
 * `npm run redaction:train`: trains the name and address tagger on CLUENER2020 (all folds but the held-out
 * one that `npm run eval:redaction` measures on) and writes the model shipped in the repository.
 *   --epochs N      passes over the data (default 15)
 *   --min-count N   features seen fewer times are dropped (default 3)
 *   --min-weight N features whose largest int8 weight is below N are dropped (default 4)
 *   --fold K        which fold to hold out (default 0, the one the shipped model is measured on)
 *   --out PATH      where to write (default the shipped model)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  FeatureExtractor,
  TAG_COUNT,
  TAGS,
  tagsOfSpans,
  type TaggerModelFile,
} from '../../apps/publication/src/domain/redaction/name-address-tagger';
import { repositoryPath } from '@ugov/platform';
import { TAGGER_MODEL_RELATIVE_PATH } from '../../apps/publication/src/infra/redaction/tagger-model.file';
import { jiebaWordTagger } from '../../apps/publication/src/infra/redaction/jieba-word-tagger';
import { AveragedPerceptron, type TrainingSentence } from './averaged-perceptron';
import { readCluener, splitCluener, type LabelledSentence } from './cluener';

export const SURNAMES_RELATIVE_PATH = 'apps/publication/assets/redaction/surnames.json';

/** What the shipped model was trained with: 15 passes beat 10 on fold 1 (names F1 69.5% → 71.5%), never measured on fold 0. */
export const DEFAULT_TRAINING = { epochs: 15, minCount: 3, minWeight: 4 } as const;

export interface TrainingOptions {
  readonly epochs: number;
  readonly minCount: number;
  readonly minWeight: number;
  readonly heldOutFold: number;
  readonly log?: (line: string) => void;
}

export function readSurnames(): string[] {
  return (JSON.parse(readFileSync(repositoryPath(SURNAMES_RELATIVE_PATH), 'utf8')) as { surnames: string[] }).surnames;
}

/** Trains on `sentences` and returns the quantised, pruned model. */
export function trainTagger(
  sentences: readonly LabelledSentence[],
  surnames: readonly string[],
  options: TrainingOptions,
): TaggerModelFile {
  const extractor = new FeatureExtractor({ surnames }, jiebaWordTagger);
  const extracted = sentences.map((sentence) => extractor.extract(sentence.text));
  const counts = new Map<string, number>();
  for (const positions of extracted)
    for (const features of positions) for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const names = [...counts].filter(([, count]) => count >= options.minCount).map(([name]) => name);
  const idOf = new Map(names.map((name, id) => [name, id]));
  const training: TrainingSentence[] = sentences.map((sentence, index) => ({
    features: extracted[index].map((features) =>
      Int32Array.from(features.flatMap((feature) => (idOf.has(feature) ? [idOf.get(feature)!] : []))),
    ),
    tags: tagsOfSpans(sentence.text.length, sentence.entities),
  }));
  options.log?.(`${sentences.length} sentences, ${counts.size} features, ${names.length} seen at least ${options.minCount} times`);
  const perceptron = new AveragedPerceptron(names.length);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const errorRate = perceptron.epoch(training, epoch);
    options.log?.(`epoch ${epoch}: ${(errorRate * 100).toFixed(2)}% of characters tagged wrong while training`);
  }
  const averaged = perceptron.averaged();
  const largest = averaged.features.reduce((max, weight) => Math.max(max, Math.abs(weight)), 0);
  const scale = largest / 127;
  const keptNames: string[] = [];
  const keptWeights: number[] = [];
  names.forEach((name, id) => {
    const row = Array.from({ length: TAG_COUNT }, (_, tag) => Math.round(averaged.features[id * TAG_COUNT + tag] / scale));
    // A feature whose weights all round to (nearly) zero hardly changes a score: it is not shipped.
    if (row.some((weight) => Math.abs(weight) >= options.minWeight)) {
      keptNames.push(name);
      keptWeights.push(...row);
    }
  });
  options.log?.(`${keptNames.length} features kept after int8 quantisation`);
  return {
    format: 'ugov-bio-perceptron/1',
    tags: [...TAGS],
    source: `Trained by npm run redaction:train on CLUENER2020 (github.com/CLUEbenchmark/CLUENER2020, name and address types, the others as one type), fold ${options.heldOutFold} of 10 held out; surnames from npm chinese-surnames@1.0.0 (MIT)`,
    lexicon: { surnames: [...surnames] },
    scale,
    transitions: Array.from(averaged.transitions, (weight) => Number(weight.toFixed(4))),
    start: Array.from(averaged.start, (weight) => Number(weight.toFixed(4))),
    features: keptNames.join('\n'),
    weights: Buffer.from(Int8Array.from(keptWeights).buffer).toString('base64'),
  };
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function main(): void {
  const epochs = Number(option('epochs', String(DEFAULT_TRAINING.epochs)));
  const minCount = Number(option('min-count', String(DEFAULT_TRAINING.minCount)));
  const minWeight = Number(option('min-weight', String(DEFAULT_TRAINING.minWeight)));
  const fold = Number(option('fold', '0'));
  const out = option('out', repositoryPath(TAGGER_MODEL_RELATIVE_PATH));
  const { train } = splitCluener(readCluener(), fold);
  const started = Date.now();
  const model = trainTagger(train, readSurnames(), { epochs, minCount, minWeight, heldOutFold: fold, log: (line) => console.log(line) });
  writeFileSync(out, JSON.stringify(model) + '\n');
  console.log(`model written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) main();
