import type { CatalogDocument } from '../../apps/dispatch/src/domain/catalog';
import { intakeCatalogOf } from '../../apps/dispatch/src/domain/intake-catalog';
import { DISCLOSURES } from '../../apps/dispatch/src/domain/service-items';

/** The dispatch catalog these files are derived from, and the files, relative to the project root. */
export const CATALOG_FILE = 'apps/dispatch/catalog/demo-city.json';
export const INTAKE_CATALOG_FILE = 'apps/intake/src/domain/shipped-catalog.json';
export const PUBLICATION_SERVICE_GUIDES_FILE = 'apps/publication/src/domain/guides/service-guides.json';

const HEADER = `derived from ${CATALOG_FILE} by \`npm run catalog:derive\`: do not edit`;

/**
 * What other services need of the catalog, as files committed beside their code (services never read each other's
 * database): intake, the catalog it serves until dispatch publishes one (dispatch.catalog-published.v1 carries the same
 * part of every version: Open311 services with their attributes, and each service item's code and the materials an
 * application must carry, by every name they have); publication, the departments' names and the service guides (names, department, materials and the eight disclosures in
 * five languages).
 * scripts/catalog-derive/derived-files.spec.ts fails when a committed file differs from what the catalog gives.
 */
export function derivedFiles(catalog: CatalogDocument): ReadonlyMap<string, string> {
  const items = catalog.serviceItems ?? [];
  const departments = new Map(catalog.departments.map((department) => [department.code, department]));
  const intake = { $comment: HEADER, ...intakeCatalogOf(catalog) };
  const publication = {
    $comment: HEADER,
    departments: catalog.departments.map(({ code, names }) => ({ code, names })),
    serviceGuides: items.map((item) => ({
      code: item.code,
      names: item.names,
      department: { code: item.department, names: departments.get(item.department)!.names },
      materials: item.materials,
      disclosures: Object.fromEntries(DISCLOSURES.filter((name) => name !== 'materials').map((name) => [name, item.disclosures[name]])),
    })),
  };
  return new Map([
    [INTAKE_CATALOG_FILE, `${JSON.stringify(intake, null, 2)}\n`],
    [PUBLICATION_SERVICE_GUIDES_FILE, `${JSON.stringify(publication, null, 2)}\n`],
  ]);
}
