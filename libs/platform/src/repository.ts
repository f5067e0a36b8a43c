import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

/**
 * The repository's root (the folder with package.json), found from here whether the code runs from the sources (ts-jest)
 * or from dist/ (which holds no package.json): what the product ships beside its code (models, dictionaries, the
 * dashboard, scripts) is read from there.
 */
export function repositoryRoot(): string {
  if (root) return root;
  for (let folder = __dirname; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return (root = folder);
    if (dirname(folder) === folder) throw new Error(`no package.json above ${__dirname}`);
  }
}

/** A path in the repository, from its root: `repositoryPath('apps/dispatch/models')`. */
export function repositoryPath(...relative: string[]): string {
  return join(repositoryRoot(), ...relative);
}
