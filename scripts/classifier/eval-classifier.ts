/**
 * `npm run eval:classifier -- <file.tsv> [--version v<N>]`: classifies every `text<TAB>domain` line of the file with
 * the active model (or the given version) and prints top-1 accuracy, per-domain precision and recall, the share sent
 * to triage and the precision of what was dispatched automatically at the model's threshold, then the model's
 * k-fold cross-validated figures on its training data. Messages also in the training data are counted and named.
 */
import { statSync } from 'node:fs';
import { DomainClassifier } from '../../apps/dispatch/src/domain/classification/domain-model';
import { formatReport, reportOf } from '../../apps/dispatch/src/domain/classification/classification-report';
import { dictionarySegmenter } from '../../apps/dispatch/src/infra/classification/dictionary-segmenter';
import { ModelStore } from '../../apps/dispatch/src/infra/classification/model-store';
import { readLabelledMessages, shippedTrainingFile } from './labelled-messages';

const USAGE = 'usage: npm run eval:classifier -- <file.tsv> [--version v<N>]';

function main(argv: readonly string[]): void {
  const versionAt = argv.indexOf('--version');
  const version = versionAt >= 0 ? argv[versionAt + 1] : undefined;
  const files = argv.filter((_, index) => versionAt < 0 || (index !== versionAt && index !== versionAt + 1));
  if (files.length !== 1 || (versionAt >= 0 && !version)) throw new Error(USAGE);
  const store = new ModelStore();
  const model = store.read(version ?? store.activeVersion());
  const classifier = new DomainClassifier(model, dictionarySegmenter);
  const messages = readLabelledMessages(files[0]);
  const unknownDomains = [...new Set(messages.map(({ domain }) => domain))].filter((domain) => !model.domains.includes(domain));
  const trained = new Set(readLabelledMessages(shippedTrainingFile(store.folder)).map(({ text }) => text));
  const seen = messages.filter(({ text }) => trained.has(text)).length;

  classifier.classify('路灯'); // the segmenter builds its dictionary's trie on first use: not part of the time per message
  const started = process.hrtime.bigint();
  const predictions = messages.map(({ text, domain }) => {
    const prediction = classifier.classify(text);
    // Compared with the threshold: the probability, or the margin for a model thresholded on it.
    return { actual: domain, predicted: prediction.domain, confidence: classifier.certainty(prediction) };
  });
  const msPerMessage = Number(process.hrtime.bigint() - started) / 1e6 / Math.max(messages.length, 1);
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const megabytes = (statSync(store.fileOf(model.version)).size / 1e6).toFixed(2);
  console.log(
    `model ${model.version} (${model.features.length} features, ${megabytes} MB file, trained ${model.trainedAt}) on ${files[0]}: ` +
      `${msPerMessage.toFixed(2)} ms per message`,
  );
  if (seen > 0) console.log(`note: ${seen} of these ${messages.length} messages are in the training data; figures on them are optimistic`);
  if (unknownDomains.length > 0) console.log(`note: domains the model was not trained on (always wrong): ${unknownDomains.join(', ')}`);
  console.log(formatReport(reportOf(predictions, model.threshold)));
  if (model.thresholdOn === 'margin') console.log('(the threshold applies to the margin: top probability minus the runner-up)');
  const cv = model.crossValidation;
  console.log(
    `\n${cv.folds}-fold cross-validation on the ${cv.examples} training messages (at training time): top-1 accuracy ${percent(cv.accuracy)}, ` +
      `${percent(cv.autoShare)} auto-dispatched at ${percent(cv.autoPrecision)} precision, ${percent(1 - cv.autoShare)} to triage`,
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit((error as Error).message === USAGE ? 2 : 1);
}
