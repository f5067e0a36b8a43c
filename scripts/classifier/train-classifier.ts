/**
 * `npm run classifier:train [-- --shipped-only] [--no-activate]`: trains a new version of dispatch's domain
 * classifier on the shipped messages plus the corrections recorded in dispatch's database (DATABASE_URL), measures it
 * by 5-fold cross-validation, picks the threshold that keeps 97% precision, writes apps/dispatch/models/
 * domain-classifier.v<N>.json and makes it the active version (dispatch loads it at its next start).
 */
import { loadInfrastructureConfig } from '@ugov/platform';
import { formatReport, reportOf } from '../../apps/dispatch/src/domain/classification/classification-report';
import { trainDomainModel } from '../../apps/dispatch/src/domain/classification/train-domain-model';
import { jiebaSegmenter } from '../../apps/dispatch/src/infra/classification/jieba-segmenter';
import { ModelStore } from '../../apps/dispatch/src/infra/classification/model-store';
import { readCorrections, readLabelledMessages, shippedTrainingFile } from './labelled-messages';

async function main(argv: readonly string[]): Promise<void> {
  const unknown = argv.filter((argument) => !['--shipped-only', '--no-activate'].includes(argument));
  if (unknown.length > 0)
    throw new Error(`unknown argument(s) ${unknown.join(' ')}; usage: classifier:train [-- --shipped-only] [--no-activate]`);
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
  const { model, crossValidated } = trainDomainModel([...shipped, ...corrections], jiebaSegmenter, {
    version,
    trainedAt: new Date(),
    corrections: corrections.length,
  });
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
