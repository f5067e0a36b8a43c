import type { CatalogDocument } from '../domain/catalog';
import type { Sql } from '@ugov/persistence';

export interface CatalogVersionRow {
  readonly version: number;
  readonly effectiveFrom: Date;
  readonly source: string;
  readonly importedBy: string;
  readonly importedAt: Date;
}

export interface NewCatalogVersion {
  readonly document: CatalogDocument;
  readonly effectiveFrom: Date;
  readonly source: string;
  readonly importedBy: string;
}

const COLUMNS = `version, effective_from AS "effectiveFrom", source, imported_by AS "importedBy", imported_at AS "importedAt"`;

/**
 * Adds a version numbered after the last one. Call it in a transaction: the table lock makes concurrent imports
 * take turns, so numbers are never taken twice. With `onlyIfNone`, nothing is added when any version exists.
 */
export async function insertCatalogVersion(
  transaction: Sql,
  entry: NewCatalogVersion,
  onlyIfNone = false,
): Promise<CatalogVersionRow | undefined> {
  await transaction.query('LOCK TABLE dispatch.catalog_versions IN SHARE ROW EXCLUSIVE MODE');
  const rows: CatalogVersionRow[] = await transaction.query(
    `INSERT INTO dispatch.catalog_versions (version, effective_from, document, source, imported_by)
     SELECT coalesce(max(version), 0) + 1, $1, $2, $3, $4 FROM dispatch.catalog_versions
     HAVING NOT $5 OR count(*) = 0
     RETURNING ${COLUMNS}`,
    [entry.effectiveFrom, JSON.stringify(entry.document), entry.source, entry.importedBy, onlyIfNone],
  );
  return rows[0];
}

export async function listCatalogVersions(sql: Sql): Promise<CatalogVersionRow[]> {
  return sql.query(`SELECT ${COLUMNS} FROM dispatch.catalog_versions ORDER BY version`);
}

/** The documents of the versions after `after`, oldest first. */
export async function catalogVersionsAfter(sql: Sql, after: number): Promise<(CatalogVersionRow & { document: CatalogDocument })[]> {
  return sql.query(`SELECT ${COLUMNS}, document FROM dispatch.catalog_versions WHERE version > $1 ORDER BY version`, [after]);
}

export async function catalogDocument(sql: Sql, version: number): Promise<CatalogDocument | undefined> {
  const rows: { document: CatalogDocument }[] = await sql.query('SELECT document FROM dispatch.catalog_versions WHERE version = $1', [
    version,
  ]);
  return rows[0]?.document;
}

export async function latestCatalogDocument(sql: Sql): Promise<{ version: number; document: CatalogDocument } | undefined> {
  const rows = await sql.query('SELECT version, document FROM dispatch.catalog_versions ORDER BY version DESC LIMIT 1');
  return rows[0];
}

export async function lastCatalogVersion(sql: Sql): Promise<number> {
  const rows: { last: number }[] = await sql.query('SELECT coalesce(max(version), 0) AS last FROM dispatch.catalog_versions');
  return rows[0].last;
}

/**
 * The versions not yet published, oldest first, locked until the caller's transaction ends: a concurrent caller waits,
 * then finds them published (exactly once per version, with markCatalogVersionsPublished in the same transaction).
 */
export async function unpublishedCatalogVersions(
  transaction: Sql,
): Promise<{ version: number; effectiveFrom: Date; document: CatalogDocument }[]> {
  return transaction.query(
    `SELECT version, effective_from AS "effectiveFrom", document FROM dispatch.catalog_versions
      WHERE published_at IS NULL ORDER BY version FOR UPDATE`,
  );
}

export async function markCatalogVersionsPublished(transaction: Sql, versions: readonly number[], at: Date): Promise<void> {
  await transaction.query('UPDATE dispatch.catalog_versions SET published_at = $2 WHERE version = ANY($1::int[])', [versions, at]);
}
