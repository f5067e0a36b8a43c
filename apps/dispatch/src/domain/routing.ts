import type { AdministrativeLevel, Catalog, Category, Department, HandlingMode, LevelRule, Region, TimeLimits } from './catalog';
import { LEVELS_MOST_SPECIFIC_FIRST } from './catalog';
import { findJurisdiction, type Jurisdiction, type Location } from './jurisdiction';

export interface CaseToRoute {
  /** A category code (or an earlier code of one) given by the integrator or a dispatcher. */
  readonly categoryCode?: string;
  /** The first-level domain, by code or by its name in the taxonomy (`城乡建设`), when only that is known. */
  readonly domain?: string;
  readonly description: string;
  readonly location?: Location;
}

/** How the category was found. */
export type CategoryBasis = 'category-code' | 'domain' | 'keyword';

/** `lead` answers (each of several answers for its own part when the mode is `separately`), `co` helps the lead, `copy` is told. */
export type AssignmentRole = 'lead' | 'co' | 'copy';

export interface PlannedAssignment {
  readonly department: Department;
  readonly role: AssignmentRole;
}

export type RoutingDecision =
  | {
      readonly kind: 'assigned';
      readonly category: Category;
      readonly basis: CategoryBasis;
      readonly jurisdiction: Jurisdiction;
      /** The level whose rule decided. */
      readonly level: AdministrativeLevel;
      readonly mode: HandlingMode;
      /** The (first) lead department. */
      readonly department: Department;
      /** Leads first, then co-handlers, then copies. */
      readonly assignments: readonly PlannedAssignment[];
      readonly timeLimits?: TimeLimits;
    }
  | { readonly kind: 'triage'; readonly reason: string };

/** The category (of those `within` accepts) whose keywords occur most often in the description; ties go to the one listed first. */
export function categoryByKeywords(
  description: string,
  catalog: Catalog,
  within: (category: Category) => boolean = () => true,
): Category | undefined {
  let best: { category: Category; hits: number } | undefined;
  for (const category of catalog.categoriesWithKeywords) {
    if (!within(category)) continue;
    let hits = 0;
    for (const keyword of category.keywords!) if (description.includes(keyword)) hits++;
    if (hits > 0 && (!best || hits > best.hits)) best = { category, hits };
  }
  return best?.category;
}

/** The department of a kind in the region, or else in the nearest enclosing region that has one. */
function nearestOfKind(kind: string, lineage: readonly Region[], catalog: Catalog): Department | undefined {
  for (const region of lineage) {
    const department = catalog.departmentOfKind(kind, region.code);
    if (department) return department;
  }
  return undefined;
}

export interface PlannedAssignments {
  readonly level: AdministrativeLevel;
  readonly mode: HandlingMode;
  readonly assignments: PlannedAssignment[];
  readonly timeLimits?: TimeLimits;
}

/**
 * Who answers for a category in a region: the most specific level whose rule names a department that exists
 * there wins. A case decided at a street or a community (直派) is copied to its district: to the department the
 * district rule names, else to the district's office.
 */
export function assignmentsFor(category: Category, region: Region, catalog: Catalog): PlannedAssignments {
  const planned = assignmentsExcluding(category, region, catalog, new Set());
  // Unreachable for a validated catalog: every route has a city rule whose lead exists in the city.
  if (!planned) throw new Error(`category ${category.code} reaches no department in region ${region.code}`);
  return planned;
}

/**
 * As `assignmentsFor`, but no excluded department (one that returned the case, 退单) is given any part of it: a
 * level whose lead is excluded gives way to the next less specific level, and an excluded co-handler or copy is
 * left out. Undefined when no level's lead remains.
 */
export function assignmentsExcluding(
  category: Category,
  region: Region,
  catalog: Catalog,
  excluded: ReadonlySet<string>,
): PlannedAssignments | undefined {
  const route = catalog.route(category);
  const lineage = catalog.lineage(region);
  for (const level of LEVELS_MOST_SPECIFIC_FIRST) {
    const rule: LevelRule | undefined = route.levels[level];
    const at = lineage.find((member) => member.level === level);
    const lead = rule && at ? catalog.departmentOfKind(rule.lead, at.code) : undefined;
    if (!rule || !at || !lead || excluded.has(lead.code)) continue;
    const fromWinner = lineage.slice(lineage.indexOf(at));
    const co = (rule.co ?? [])
      .map((kind) => nearestOfKind(kind, fromWinner, catalog))
      .filter(
        (department): department is Department =>
          department !== undefined && department.code !== lead.code && !excluded.has(department.code),
      );
    const mode = rule.mode ?? (co.length > 0 ? 'lead-co' : 'single');
    const assignments: PlannedAssignment[] = [
      { department: lead, role: 'lead' },
      ...co.map((department) => ({ department, role: mode === 'separately' ? ('lead' as const) : ('co' as const) })),
    ];
    const district = lineage.find((member) => member.level === 'district');
    if ((level === 'street' || level === 'community') && district) {
      const districtRule = route.levels.district;
      const copy =
        (districtRule && catalog.departmentOfKind(districtRule.lead, district.code)) ?? catalog.departmentOfKind('office', district.code);
      if (copy && !excluded.has(copy.code) && !assignments.some((assignment) => assignment.department.code === copy.code))
        assignments.push({ department: copy, role: 'copy' });
    }
    return { level, mode, assignments, ...(route.timeLimits ? { timeLimits: route.timeLimits } : {}) };
  }
  return undefined;
}

/**
 * Routes by duty (the category) and jurisdiction (the region). A given category code must be in the catalog;
 * without one, the domain's default category, else the description's keywords decide. No category means a human
 * dispatcher decides.
 */
export function routeCase(input: CaseToRoute, catalog: Catalog): RoutingDecision {
  let category: Category | undefined;
  let basis: CategoryBasis;
  if (input.categoryCode) {
    category = catalog.category(input.categoryCode);
    if (!category) return { kind: 'triage', reason: `category ${input.categoryCode} is not in the dispatch catalog` };
    basis = 'category-code';
  } else if (input.domain) {
    const domain = catalog.domain(input.domain);
    if (!domain) return { kind: 'triage', reason: `domain ${input.domain} is not in the dispatch catalog` };
    category = catalog.category(domain.defaultCategory)!;
    basis = 'domain';
  } else {
    category = categoryByKeywords(input.description, catalog);
    if (!category) return { kind: 'triage', reason: 'no catalog keyword matches the description' };
    basis = 'keyword';
  }
  const jurisdiction = findJurisdiction(input.location ?? {}, input.description, catalog);
  const { level, mode, assignments, timeLimits } = assignmentsFor(category, jurisdiction.region, catalog);
  return {
    kind: 'assigned',
    category,
    basis,
    jurisdiction,
    level,
    mode,
    department: assignments[0].department,
    assignments,
    ...(timeLimits ? { timeLimits } : {}),
  };
}
