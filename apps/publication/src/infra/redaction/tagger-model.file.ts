import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TaggerModelFile } from '../../domain/redaction/name-address-tagger';

/** Where the trained tagger lives in the repository (written by `npm run redaction:train`). */
export const TAGGER_MODEL_RELATIVE_PATH = 'apps/publication/assets/redaction/name-address-tagger.json';

/** The repository's root, found from here whether we run from the sources or from dist/. */
export function projectRoot(from = __dirname): string {
  for (let directory = from; ; directory = dirname(directory)) {
    if (existsSync(join(directory, TAGGER_MODEL_RELATIVE_PATH)) || existsSync(join(directory, 'apps/publication/assets/redaction')))
      return directory;
    if (dirname(directory) === directory) throw new Error(`no ${TAGGER_MODEL_RELATIVE_PATH} above ${from}`);
  }
}

/** Reads the shipped model; a missing or foreign file stops the service with a message naming it. */
export function readTaggerModel(path = join(projectRoot(), TAGGER_MODEL_RELATIVE_PATH)): TaggerModelFile {
  if (!existsSync(path)) throw new Error(`the redaction model ${path} is missing: run npm run redaction:train`);
  const model = JSON.parse(readFileSync(path, 'utf8')) as TaggerModelFile;
  if (model.format !== 'ugov-bio-perceptron/1')
    throw new Error(`the redaction model ${path} has an unknown format "${String(model.format)}"`);
  return model;
}
