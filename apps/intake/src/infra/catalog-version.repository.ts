import type { Sql } from '@ugov/persistence';
import type { IntakeCatalog } from '../domain/intake-catalog';

/** Stores a version as dispatch published it; one already stored (a second publication of it) is left as it is. */
export async function insertCatalogVersions(transaction: Sql, versions: readonly IntakeCatalog[]): Promise<void> {
  if (versions.length === 0) return;
  await transaction.query(
    `INSERT INTO intake.catalog_versions (version, effective_from, open311_services, service_items)
     SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::jsonb[], $4::jsonb[])
     ON CONFLICT (version) DO NOTHING`,
    [
      versions.map((version) => version.version),
      versions.map((version) => version.effectiveFrom),
      versions.map((version) => JSON.stringify(version.open311Services)),
      versions.map((version) => JSON.stringify(version.serviceItems)),
    ],
  );
}

export async function lastCatalogVersion(sql: Sql): Promise<number> {
  const rows: { last: number }[] = await sql.query('SELECT coalesce(max(version), 0) AS last FROM intake.catalog_versions');
  return rows[0].last;
}

/** Every stored version, oldest first. */
export async function catalogVersions(sql: Sql): Promise<IntakeCatalog[]> {
  return sql.query(
    `SELECT version, effective_from AS "effectiveFrom", open311_services AS "open311Services", service_items AS "serviceItems"
       FROM intake.catalog_versions ORDER BY version`,
  );
}
