/**
 * `npm run catalog:derive`: writes the files other services derive from the dispatch catalog (intake's shipped catalog, publication's guides)
 * (derived-files.ts): run it after editing apps/dispatch/catalog/demo-city.json and commit what it writes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { repositoryPath } from '@ugov/platform';
import { parseCatalog } from '../../apps/dispatch/src/domain/catalog';
import { CATALOG_FILE, derivedFiles } from './derived-files';

const catalog = parseCatalog(JSON.parse(readFileSync(repositoryPath(CATALOG_FILE), 'utf8')));
for (const [file, content] of derivedFiles(catalog.document)) {
  mkdirSync(dirname(repositoryPath(file)), { recursive: true });
  writeFileSync(repositoryPath(file), content);
  process.stdout.write(`wrote ${file}\n`);
}
