/**
 * `npm run classifier:train [-- --shipped-only] [--no-activate] [--folds <k>]`: trains a new version of dispatch's domain
 * classifier on the shipped messages plus the corrections recorded in dispatch's database (DATABASE_URL), measures it
 * by 5-fold cross-validation (`--folds 3` is quicker while exploring), picks the threshold that keeps 97% precision, writes apps/dispatch/models/
 * domain-classifier.v<N>.json and makes it the active version (dispatch loads it at its next start).
 */
import { loadInfrastructureConfig } from '@ugov/platform';
import { formatReport, reportOf } from '../../apps/dispatch/src/domain/classification/classification-report';
import { defaultTrainingOptions, trainDomainModel } from '../../apps/dispatch/src/domain/classification/train-domain-model';
import { dictionarySegmenter } from '../../apps/dispatch/src/infra/classification/dictionary-segmenter';
import { ModelStore } from '../../apps/dispatch/src/infra/classification/model-store';
import { readCorrections, readLabelledMessages, shippedTrainingFile } from './labelled-messages';

async function main(argv: readonly string[]): Promise<void> {
  const usage = 'usage: classifier:train [-- --shipped-only] [--no-activate] [--folds <k>]';
  const foldsAt = argv.indexOf('--folds');
  const folds = foldsAt >= 0 ? Number(argv[foldsAt + 1]) : defaultTrainingOptions.folds;
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) throw new Error(`--folds: a whole number from 2 to 20; ${usage}`);
  const unknown = argv.filter(
    (argument, index) =>
      !['--shipped-only', '--no-activate'].includes(argument) && (foldsAt < 0 || (index !== foldsAt && index !== foldsAt + 1)),
  );
  if (unknown.length > 0) throw new Error(`unknown argument(s) ${unknown.join(' ')}; ${usage}`);
  const store = new ModelStore();
  const shipped = readLabelledMessages(shippedTrainingFile(store.folder));
  let corrections: Awaited<ReturnType<typeof readCorrections>> = [];
  if (!argv.includes('--shipped-only')) {
    const { databaseUrl } = loadInfrastructureConfig();
    try {
      corrections = await readCorrections(databaseUrl);
    } catch (error) {
      throw new Error(
        `cannot read the corrections from ${databaseUrl} (${(error as Error).message}); use --shipped-only to train without them`,
      );
    }
  }
  const version = store.nextVersion();
  console.log(`training ${version} on ${shipped.length} shipped messages and ${corrections.length} corrections …`);
  const started = Date.now();
  const { model, crossValidated } = trainDomainModel(
    [...shipped, ...corrections],
    dictionarySegmenter,
    {
      version,
      trainedAt: new Date(),
      corrections: corrections.length,
    },
    { ...defaultTrainingOptions, folds },
  );
  const file = store.write(model);
  const cv = model.crossValidation;
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  console.log(`wrote ${file} in ${((Date.now() - started) / 1000).toFixed(0)} s: ${model.features.length} features`);
  console.log(
    `${cv.folds}-fold cross-validation on ${cv.examples} messages: top-1 accuracy ${percent(cv.accuracy)}; ` +
      `at threshold ${model.threshold}, ${percent(cv.autoShare)} dispatched automatically at ${percent(cv.autoPrecision)} precision`,
  );
  console.log(`\nheld-out predictions of the ${cv.folds} folds:\n${formatReport(reportOf(crossValidated, model.threshold))}\n`);
  if (argv.includes('--no-activate'))
    console.log(`${store.activeVersion()} stays active; \`npm run classifier:use -- ${version}\` activates it`);
  else {
    store.activate(version);
    console.log(`${version} is now active (restart dispatch to load it; \`npm run classifier:use -- <version>\` rolls back)`);
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`training failed: ${error.message}`);
  process.exit(1);
});
