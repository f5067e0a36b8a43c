import type { Sql } from '@ugov/persistence';
import { validateCatalog, type CatalogProblem } from '../domain/catalog';
import { insertCatalogVersion, type CatalogVersionRow } from '../infra/catalog-version.repository';
import { publishCatalogVersions } from '../publish-catalog/publish-catalog-versions';

export interface CatalogImport {
  readonly raw: unknown;
  /** Now, unless the catalog takes effect later (or took effect earlier). */
  readonly effectiveFrom: Date;
  readonly source: string;
  readonly importedBy: string;
  readonly dryRun: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CatalogImportReport {
  readonly problems: readonly CatalogProblem[];
  readonly counts: { readonly regions: number; readonly departments: number; readonly categories: number; readonly routes: number };
  /** The new version; absent after a dry run or when there were problems. */
  readonly version?: CatalogVersionRow;
}

const countOf = (raw: unknown, list: string) => {
  const value = (raw as Record<string, unknown> | null)?.[list];
  return Array.isArray(value) ? value.length : 0;
};

/**
 * Checks a catalog and, unless it is a dry run or anything is wrong, stores it as the next version and publishes it in
 * one transaction (`transactionally`). The report lists every problem, so one round of corrections is enough.
 */
export async function importCatalog(
  request: CatalogImport,
  transactionally: <T>(work: (sql: Sql) => Promise<T>) => Promise<T>,
): Promise<CatalogImportReport> {
  const { catalog, problems } = validateCatalog(request.raw, request.onProgress);
  const counts = {
    regions: countOf(request.raw, 'regions'),
    departments: countOf(request.raw, 'departments'),
    categories: countOf(request.raw, 'categories'),
    routes: countOf(request.raw, 'routes'),
  };
  if (!catalog || request.dryRun) return { problems, counts };
  // Stored and published (dispatch.catalog-published.v1, for intake) in one transaction.
  const version = await transactionally(async (sql) => {
    const stored = await insertCatalogVersion(sql, {
      document: catalog.document,
      effectiveFrom: request.effectiveFrom,
      source: request.source,
      importedBy: request.importedBy,
    });
    await publishCatalogVersions(sql);
    return stored;
  });
  return { problems, counts, version };
}
