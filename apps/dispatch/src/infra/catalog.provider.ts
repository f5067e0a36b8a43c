import { readFileSync } from 'node:fs';
import seedCatalog from '../../catalog/seed-catalog.json';
import { parseCatalog, type Catalog } from '../domain/catalog';

export const CATALOG = Symbol('CATALOG');

/** DISPATCH_CATALOG_FILE replaces the seed catalog that ships with the service; either is checked at start-up. */
export function loadCatalog(env: NodeJS.ProcessEnv = process.env): Catalog {
  const file = env.DISPATCH_CATALOG_FILE;
  if (!file) return parseCatalog(seedCatalog);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`DISPATCH_CATALOG_FILE: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  return parseCatalog(raw);
}
