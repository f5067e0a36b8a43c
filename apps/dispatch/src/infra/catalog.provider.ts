import demoCity from '../../catalog/demo-city.json';
import type { CatalogDocument } from '../domain/catalog';
import { parseCatalog, type Catalog } from '../domain/catalog';
import { readCatalogFile } from './catalog-file';

/** The demonstration city that ships with the service (apps/dispatch/catalog/README.md says where it comes from). */
export const DEMO_CITY = demoCity as unknown as CatalogDocument;

/** DISPATCH_CATALOG_FILE (JSON or YAML) replaces the demonstration city as the first catalog; either is checked. */
export function initialCatalogDocument(env: NodeJS.ProcessEnv = process.env): { document: unknown; source: string } {
  const file = env.DISPATCH_CATALOG_FILE;
  if (!file) return { document: DEMO_CITY, source: 'apps/dispatch/catalog/demo-city.json' };
  try {
    return { document: readCatalogFile(file), source: file };
  } catch (error) {
    throw new Error(`DISPATCH_CATALOG_FILE: ${(error as Error).message}`);
  }
}

/** The first catalog, checked; a broken one stops the process with every problem named. */
export function loadCatalogFile(env: NodeJS.ProcessEnv = process.env): Catalog {
  return parseCatalog(initialCatalogDocument(env).document);
}
