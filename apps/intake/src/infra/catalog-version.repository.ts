import { insertRows, type Sql } from '@ugov/persistence';
import type { IntakeCatalog } from '../domain/intake-catalog';

const insertVersions = insertRows<IntakeCatalog>(
  'intake.catalog_versions',
  [
    { name: 'version', type: 'int', value: (version) => version.version },
    { name: 'effective_from', type: 'timestamptz', value: (version) => version.effectiveFrom },
    { name: 'open311_services', type: 'jsonb', value: (version) => version.open311Services },
    { name: 'service_items', type: 'jsonb', value: (version) => version.serviceItems },
  ],
  'ON CONFLICT (version) DO NOTHING',
);

/** Stores a version as dispatch published it; one already stored (a second publication of it) is left as it is. */
export async function insertCatalogVersions(transaction: Sql, versions: readonly IntakeCatalog[]): Promise<void> {
  await insertVersions.run(transaction, versions);
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
