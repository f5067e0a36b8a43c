/**
 * `npm run catalog:derive`: writes the files other services derive from the dispatch catalog (intake's shipped catalog, publication's guides)
 * (derived-files.ts): run it after editing apps/dispatch/catalog/demo-city.json and commit what it writes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCatalog } from '../../apps/dispatch/src/domain/catalog';
import { CATALOG_FILE, derivedFiles } from './derived-files';

const root = join(__dirname, '../../..');
const catalog = parseCatalog(JSON.parse(readFileSync(join(root, CATALOG_FILE), 'utf8')));
for (const [file, content] of derivedFiles(catalog.document)) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
  process.stdout.write(`wrote ${file}\n`);
}
