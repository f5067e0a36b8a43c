/** The dispatch catalog (派单目录): which department answers for which category, per region. */
export type AdministrativeLevel = 'city' | 'district' | 'street' | 'community';

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly level: AdministrativeLevel;
  readonly parent?: string;
}

export interface Department {
  readonly code: string;
  readonly name: string;
  readonly level: AdministrativeLevel;
  readonly region: string;
  readonly parent?: string;
}

export interface Category {
  readonly code: string;
  readonly name: string;
  readonly domain: string;
  readonly keywords: readonly string[];
  /** The responsible department by default, and where a region has its own. */
  readonly departments: { readonly default: string; readonly byRegion?: Readonly<Record<string, string>> };
}

export interface Catalog {
  readonly regions: readonly Region[];
  readonly departments: readonly Department[];
  readonly categories: readonly Category[];
}

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

/** Checks that every reference in a catalog resolves, so routing never meets a department that does not exist. */
export function parseCatalog(raw: unknown): Catalog {
  const catalog = raw as Catalog;
  const problems: string[] = [];
  if (!Array.isArray(catalog?.regions) || !Array.isArray(catalog?.departments) || !Array.isArray(catalog?.categories)) {
    throw new CatalogError('catalog must have regions, departments and categories arrays');
  }
  const regionCodes = new Set(catalog.regions.map((region) => region.code));
  const departmentCodes = new Set(catalog.departments.map((department) => department.code));
  const duplicates = (codes: string[]) => codes.filter((code, index) => codes.indexOf(code) !== index);
  for (const code of duplicates(catalog.departments.map((department) => department.code)))
    problems.push(`department ${code} is listed twice`);
  for (const code of duplicates(catalog.categories.map((category) => category.code))) problems.push(`category ${code} is listed twice`);
  for (const department of catalog.departments) {
    if (!regionCodes.has(department.region)) problems.push(`department ${department.code}: unknown region ${department.region}`);
  }
  for (const category of catalog.categories) {
    if (!Array.isArray(category.keywords)) problems.push(`category ${category.code}: keywords must be a list`);
    const targets = [category.departments?.default, ...Object.values(category.departments?.byRegion ?? {})];
    for (const target of targets) {
      if (!departmentCodes.has(target)) problems.push(`category ${category.code}: unknown department ${target}`);
    }
    for (const region of Object.keys(category.departments?.byRegion ?? {})) {
      if (!regionCodes.has(region)) problems.push(`category ${category.code}: unknown region ${region}`);
    }
  }
  if (problems.length > 0) throw new CatalogError(`invalid catalog:\n  ${problems.join('\n  ')}`);
  return catalog;
}
