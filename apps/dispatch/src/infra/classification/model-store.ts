import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repositoryPath } from '@ugov/platform';
import { DomainClassifier, parseDomainModel, type DomainModel } from '../../domain/classification/domain-model';
import { dictionarySegmenter } from './dictionary-segmenter';

export const DOMAIN_CLASSIFIER = Symbol('DOMAIN_CLASSIFIER');

const MODEL_FILE = /^domain-classifier\.(v\d+)\.json$/;
const ACTIVE_FILE = 'ACTIVE';

/**
 * The versioned domain models: `domain-classifier.v<N>.json` files in apps/dispatch/models (or
 * DISPATCH_MODEL_DIR), with the file ACTIVE naming the version in use. Rolling back is writing an older
 * version into ACTIVE (`npm run classifier:use -- v1`) or setting DISPATCH_CLASSIFIER_VERSION.
 */
export class ModelStore {
  readonly folder: string;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.folder = resolve(env.DISPATCH_MODEL_DIR ?? repositoryPath('apps/dispatch/models'));
  }

  versions(): string[] {
    if (!existsSync(this.folder)) return [];
    return readdirSync(this.folder)
      .map((file) => MODEL_FILE.exec(file)?.[1])
      .filter((version): version is string => version !== undefined)
      .sort((left, right) => Number(left.slice(1)) - Number(right.slice(1)));
  }

  nextVersion(): string {
    const last = this.versions().at(-1);
    return `v${last ? Number(last.slice(1)) + 1 : 1}`;
  }

  fileOf(version: string): string {
    if (!/^v\d+$/.test(version)) throw new Error(`a model version looks like v3, got "${version}"`);
    return join(this.folder, `domain-classifier.${version}.json`);
  }

  activeVersion(env: NodeJS.ProcessEnv = process.env): string {
    const chosen = env.DISPATCH_CLASSIFIER_VERSION ?? readFileSync(join(this.folder, ACTIVE_FILE), 'utf8').trim();
    if (!this.versions().includes(chosen))
      throw new Error(`classifier version ${chosen} is not in ${this.folder} (there are: ${this.versions().join(', ') || 'none'})`);
    return chosen;
  }

  activate(version: string): void {
    if (!this.versions().includes(version)) throw new Error(`classifier version ${version} is not in ${this.folder}`);
    writeFileSync(join(this.folder, ACTIVE_FILE), `${version}\n`);
  }

  read(version: string): DomainModel {
    const file = this.fileOf(version);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read the classifier model ${file} (${(error as Error).message})`);
    }
    const model = parseDomainModel(raw, file);
    if (model.version !== version) throw new Error(`${file} holds version ${model.version}, not ${version}`);
    return model;
  }

  write(model: DomainModel): string {
    const file = this.fileOf(model.version);
    // The header first and readable, the large arrays after it on one line each.
    const { features, idf, weights, bias, ...header } = model;
    const arrays = { bias, features, idf, weights };
    const lines = Object.entries({ ...header, ...arrays }).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    writeFileSync(file, `{\n${lines.join(',\n')}\n}\n`);
    return file;
  }
}

/** Loads the active model once at start-up; a missing or broken model stops the service with a message naming it. */
export function loadDomainClassifier(env: NodeJS.ProcessEnv = process.env): DomainClassifier {
  const store = new ModelStore(env);
  const classifier = new DomainClassifier(store.read(store.activeVersion(env)), dictionarySegmenter);
  // The segmenter builds its dictionary's trie on first use: pay that at start-up rather than on the first case.
  classifier.classify('路灯');
  return classifier;
}
