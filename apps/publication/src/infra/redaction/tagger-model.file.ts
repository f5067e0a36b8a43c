import { existsSync, readFileSync } from 'node:fs';
import { repositoryPath } from '@ugov/platform';
import type { TaggerModelFile } from '../../domain/redaction/name-address-tagger';

/** Where the trained tagger lives in the repository (written by `npm run redaction:train`). */
export const TAGGER_MODEL_RELATIVE_PATH = 'apps/publication/assets/redaction/name-address-tagger.json';

/** Reads the shipped model; a missing or foreign file stops the service with a message naming it. */
export function readTaggerModel(path = repositoryPath(TAGGER_MODEL_RELATIVE_PATH)): TaggerModelFile {
  if (!existsSync(path)) throw new Error(`the redaction model ${path} is missing: run npm run redaction:train`);
  const model = JSON.parse(readFileSync(path, 'utf8')) as TaggerModelFile;
  if (model.format !== 'ugov-bio-perceptron/1')
    throw new Error(`the redaction model ${path} has an unknown format "${String(model.format)}"`);
  return model;
}
