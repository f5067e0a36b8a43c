/**
 * `npm run classifier:use [-- <version>]`: lists the classifier versions with their cross-validated figures, or
 * makes <version> the one dispatch loads at its next start (a rollback is choosing an older one).
 */
import { ModelStore } from '../../apps/dispatch/src/infra/classification/model-store';

function main(argv: readonly string[]): void {
  const store = new ModelStore();
  if (argv.length > 1) throw new Error('usage: classifier:use [-- <version>]');
  if (argv[0]) {
    store.activate(argv[0]);
    console.log(`${argv[0]} is now active; restart dispatch to load it`);
    return;
  }
  const active = store.activeVersion();
  for (const version of store.versions()) {
    const model = store.read(version);
    const cv = model.crossValidation;
    console.log(
      `${version === active ? '*' : ' '} ${version}  trained ${model.trainedAt}  ${model.examples.shipped}+${model.examples.corrections} examples  ` +
        `cv accuracy ${(cv.accuracy * 100).toFixed(1)}%  auto ${(cv.autoShare * 100).toFixed(1)}% at ${(cv.autoPrecision * 100).toFixed(1)}%  threshold ${model.threshold}`,
    );
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
