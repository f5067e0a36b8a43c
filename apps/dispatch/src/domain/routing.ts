import type { Catalog, Category, Department } from './catalog';

export interface CaseToRoute {
  readonly categoryCode: string;
  readonly description: string;
  readonly regionCode: string;
}

export type RoutingDecision =
  | { readonly kind: 'assigned'; readonly department: Department; readonly category: Category; readonly basis: 'category-code' | 'keyword' }
  | { readonly kind: 'triage'; readonly reason: string };

/** A region's own rule wins; a street code (9 digits) falls back to its district (first 6). */
function responsibleDepartment(category: Category, regionCode: string, catalog: Catalog): Department {
  const byRegion = category.departments.byRegion ?? {};
  const code = byRegion[regionCode] ?? byRegion[regionCode.slice(0, 6)] ?? category.departments.default;
  const department = catalog.departments.find((candidate) => candidate.code === code);
  if (!department) throw new Error(`catalog references unknown department ${code}`);
  return department;
}

/** The category whose keywords occur most often in the description; ties go to the one listed first. */
function categoryByKeywords(description: string, catalog: Catalog): Category | undefined {
  let best: { category: Category; hits: number } | undefined;
  for (const category of catalog.categories) {
    const hits = category.keywords.filter((keyword) => description.includes(keyword)).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { category, hits };
  }
  return best?.category;
}

/**
 * Routes by duty (the category) and jurisdiction (the region). A given category code must be in the
 * catalog; without one, the description's keywords decide. No match means a human dispatcher decides.
 */
export function routeCase(input: CaseToRoute, catalog: Catalog): RoutingDecision {
  if (input.categoryCode) {
    const category = catalog.categories.find((candidate) => candidate.code === input.categoryCode);
    if (!category) return { kind: 'triage', reason: `category ${input.categoryCode} is not in the dispatch catalog` };
    return { kind: 'assigned', category, department: responsibleDepartment(category, input.regionCode, catalog), basis: 'category-code' };
  }
  const category = categoryByKeywords(input.description, catalog);
  if (!category) return { kind: 'triage', reason: 'no catalog keyword matches the description' };
  return { kind: 'assigned', category, department: responsibleDepartment(category, input.regionCode, catalog), basis: 'keyword' };
}
