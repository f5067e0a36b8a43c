import type { CaseTypeName } from '@ugov/contracts';
import { knowledgeBaseProblems, type KnowledgeEntry } from './knowledge-base';
import { boundaryContains, isPolygonal, verticesOf, type Boundary } from './geometry';
import { open311ServiceProblems, type CategoryOpen311Service } from './open311-services';
import { serviceItemProblems, type ServiceItem } from './service-items';

/**
 * The dispatch catalog (派单目录): regions, departments, the three-level category taxonomy and, for every
 * category, the responsible department per administrative level. A document is checked as a whole by
 * `validateCatalog`, which lists every problem; `parseCatalog` is the same check for code that must stop.
 */
export type AdministrativeLevel = 'city' | 'district' | 'street' | 'community';

/** Most specific first: the order in which routing looks for a responsible department. */
export const LEVELS_MOST_SPECIFIC_FIRST: readonly AdministrativeLevel[] = ['community', 'street', 'district', 'city'];
const LEVEL_DEPTH: Readonly<Record<AdministrativeLevel, number>> = { city: 0, district: 1, street: 2, community: 3 };

export const LANGUAGES = ['zh-Hans', 'zh-Hant', 'en', 'fr', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Names = Readonly<Record<Language, string>>;

export interface Region {
  /** GB/T 2260: 6 digits for the city and its districts/counties, 9 for a street or town, 12 for a community. */
  readonly code: string;
  readonly level: AdministrativeLevel;
  readonly parent?: string;
  readonly names: Names;
  readonly boundary?: Boundary;
}

export interface Department {
  readonly code: string;
  /** What it does (`housing`, `street-office`, …): catalog rules name kinds, and a region's department of that kind answers. */
  readonly kind: string;
  readonly level: AdministrativeLevel;
  readonly region: string;
  readonly parent?: string;
  readonly names: Names;
}

export interface Domain {
  readonly code: string;
  readonly names: Names;
  /** The category a case gets when only its domain is known. */
  readonly defaultCategory: string;
}

export interface Subdomain {
  readonly code: string;
  readonly name: string;
  readonly domain: string;
}

export interface Category {
  readonly code: string;
  readonly name: string;
  readonly subdomain: string;
  /** Words that, found in a description, suggest this category (the fallback when nothing else classifies a case). */
  readonly keywords?: readonly string[];
  /** Earlier codes of the same category, still accepted from integrators. */
  readonly aliases?: readonly string[];
  /** What Open311 clients see of it, when it is offered to them (open311-services.ts). */
  readonly open311?: CategoryOpen311Service;
}

export type HandlingMode = 'single' | 'separately' | 'lead-co';
export const HANDLING_MODES: readonly HandlingMode[] = ['single', 'separately', 'lead-co'];

/** Who answers at one level: a department kind, with co-handlers for `separately` (分别办理) and `lead-co` (主办协办). */
export interface LevelRule {
  readonly lead: string;
  readonly co?: readonly string[];
  /** `single` without co-handlers, `lead-co` with them, unless said otherwise. */
  readonly mode?: HandlingMode;
}

export type TimeLimits = Readonly<Partial<Record<CaseTypeName, number>>>;
export const CASE_TYPE_NAMES: readonly CaseTypeName[] = ['consultation', 'help', 'suggestion', 'praise', 'complaint', 'report'];

export interface Route {
  readonly category: string;
  readonly levels: Readonly<Partial<Record<AdministrativeLevel, LevelRule>>>;
  /** Reply limits in working days that replace the defaults for this category. */
  readonly timeLimits?: TimeLimits;
}

export interface CatalogDocument {
  /** The code of the one city-level region: every other region lies inside it. */
  readonly city: string;
  readonly regions: readonly Region[];
  readonly departments: readonly Department[];
  readonly domains: readonly Domain[];
  readonly subdomains: readonly Subdomain[];
  readonly categories: readonly Category[];
  readonly routes: readonly Route[];
  /** The knowledge base for instant answers (即办), optional. */
  readonly answers?: readonly KnowledgeEntry[];
  /** Service items with the eight disclosures (八公开), optional. */
  readonly serviceItems?: readonly ServiceItem[];
}

export interface CatalogProblem {
  /** Where, as a JSON path into the document (`routes[12].levels.district.lead`). */
  readonly path: string;
  readonly message: string;
}

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(readonly problems: readonly CatalogProblem[]) {
    super(`invalid catalog:\n  ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n  ')}`);
  }
}

/** A checked catalog with the look-ups routing needs. */
export class Catalog {
  readonly city: Region;
  private readonly regionsByCode: ReadonlyMap<string, Region>;
  private readonly departmentsByCode: ReadonlyMap<string, Department>;
  private readonly departmentsByKindAndRegion: ReadonlyMap<string, Department>;
  private readonly categoriesByCode: ReadonlyMap<string, Category>;
  private readonly subdomainsByCode: ReadonlyMap<string, Subdomain>;
  private readonly domainsByCodeOrName: ReadonlyMap<string, Domain>;
  private readonly routesByCategory: ReadonlyMap<string, Route>;
  private readonly childrenByParent: ReadonlyMap<string, readonly Region[]>;

  constructor(readonly document: CatalogDocument) {
    this.regionsByCode = new Map(document.regions.map((region) => [region.code, region]));
    this.city = this.regionsByCode.get(document.city)!;
    this.departmentsByCode = new Map(document.departments.map((department) => [department.code, department]));
    this.departmentsByKindAndRegion = new Map(
      document.departments.map((department) => [`${department.kind}@${department.region}`, department]),
    );
    this.categoriesByCode = new Map(
      document.categories.flatMap((category) => [category.code, ...(category.aliases ?? [])].map((code) => [code, category] as const)),
    );
    this.subdomainsByCode = new Map(document.subdomains.map((subdomain) => [subdomain.code, subdomain]));
    this.domainsByCodeOrName = new Map(
      document.domains.flatMap((domain) => [[domain.code, domain] as const, [domain.names['zh-Hans'], domain] as const]),
    );
    this.routesByCategory = new Map(document.routes.map((route) => [route.category, route]));
    const children = new Map<string, Region[]>();
    for (const region of document.regions) if (region.parent) children.set(region.parent, [...(children.get(region.parent) ?? []), region]);
    this.childrenByParent = children;
  }

  get regions(): readonly Region[] {
    return this.document.regions;
  }
  get departments(): readonly Department[] {
    return this.document.departments;
  }
  get categories(): readonly Category[] {
    return this.document.categories;
  }
  /** The categories that have keywords, in catalog order: the only ones keyword matching looks at. */
  get categoriesWithKeywords(): readonly Category[] {
    return (this.withKeywords ??= this.document.categories.filter((category) => (category.keywords ?? []).length > 0));
  }
  private withKeywords: readonly Category[] | undefined;

  region(code: string): Region | undefined {
    return this.regionsByCode.get(code);
  }
  department(code: string): Department | undefined {
    return this.departmentsByCode.get(code);
  }
  /** By its code or one of its earlier codes. */
  category(code: string): Category | undefined {
    return this.categoriesByCode.get(code);
  }
  /** By its code (`urban`) or its name as in the taxonomy (`城乡建设`). */
  domain(codeOrName: string): Domain | undefined {
    return this.domainsByCodeOrName.get(codeOrName);
  }
  domainOf(category: Category): Domain {
    return this.domainsByCodeOrName.get(this.subdomainsByCode.get(category.subdomain)!.domain)!;
  }
  /** The knowledge base for instant answers (即办). */
  get answers(): readonly KnowledgeEntry[] {
    return this.document.answers ?? [];
  }

  /** The categories offered to Open311 clients, in catalog order. */
  get open311Categories(): readonly (Category & { readonly open311: CategoryOpen311Service })[] {
    return this.document.categories.filter((category) => category.open311 !== undefined) as (Category & {
      readonly open311: CategoryOpen311Service;
    })[];
  }

  /** Service items with the eight disclosures (八公开). */
  get serviceItems(): readonly ServiceItem[] {
    return this.document.serviceItems ?? [];
  }

  route(category: Category): Route {
    return this.routesByCategory.get(category.code)!;
  }
  departmentOfKind(kind: string, regionCode: string): Department | undefined {
    return this.departmentsByKindAndRegion.get(`${kind}@${regionCode}`);
  }
  children(regionCode: string): readonly Region[] {
    return this.childrenByParent.get(regionCode) ?? [];
  }
  /** The region and its ancestors, the region first and the city last. */
  lineage(region: Region): readonly Region[] {
    const chain = [region];
    for (let parent = region.parent; parent; parent = this.regionsByCode.get(parent)?.parent) chain.push(this.regionsByCode.get(parent)!);
    return chain;
  }
}

const REGION_CODE = /^\d{6}(\d{3}){0,2}$/;
const CODE = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const isLevel = (value: unknown): value is AdministrativeLevel => typeof value === 'string' && Object.hasOwn(LEVEL_DEPTH, value);

/** What PostgreSQL cannot store in text or jsonb: U+0000, and half of a surrogate pair. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;
const isUnstorable = (text: string) => text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);

/** Every string (value or key) of the document that PostgreSQL could not store, by its path. */
function unstorableText(value: unknown, path: string): CatalogProblem[] {
  const why = 'holds U+0000 or an unpaired surrogate, which cannot be stored';
  if (typeof value === 'string') return isUnstorable(value) ? [{ path, message: why }] : [];
  if (Array.isArray(value)) return value.flatMap((entry, index) => unstorableText(entry, `${path}[${index}]`));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, entry]) => {
    const at = path ? `${path}.${key}` : key;
    return isUnstorable(key) ? [{ path: at, message: `its name ${why}` }] : unstorableText(entry, at);
  });
}

/** The level a region code implies: 6 digits are the city or a district, 9 a street, 12 a community. */
function levelsOfCode(code: string): readonly AdministrativeLevel[] {
  return code.length === 6 ? ['city', 'district'] : code.length === 9 ? ['street'] : ['community'];
}

/**
 * Checks a catalog document and lists every problem: shapes, duplicate codes, references that do not resolve,
 * boundaries outside their parent's, and any category that is not routed or cannot reach a department.
 */
export function validateCatalog(
  raw: unknown,
  onProgress?: (done: number, total: number) => void,
): { readonly catalog?: Catalog; readonly problems: readonly CatalogProblem[] } {
  const problems: CatalogProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (!isRecord(raw)) return { problems: [{ path: '$', message: 'a catalog must be an object' }] };
  const unstorable = unstorableText(raw, '');
  if (unstorable.length > 0) return { problems: unstorable };
  const lists = ['regions', 'departments', 'domains', 'subdomains', 'categories', 'routes'] as const;
  for (const list of lists) if (!Array.isArray(raw[list])) problem(list, 'must be a list');
  if (problems.length > 0) return { problems };
  const document = raw as unknown as CatalogDocument;
  // Boundaries and routes are where the time goes: progress counts them.
  const total = document.regions.length + document.routes.length;
  let done = 0;
  const step = () => onProgress?.(++done, total);
  const listOf = <T>(name: (typeof lists)[number]) => (raw[name] as unknown[]).filter(isRecord) as unknown as T[];
  for (const list of lists)
    (raw[list] as unknown[]).forEach((entry, index) => {
      if (!isRecord(entry)) problem(`${list}[${index}]`, 'must be an object');
    });

  const uniqueCodes = <T extends { code: string }>(
    name: string,
    entries: readonly T[],
    extra: (entry: T) => readonly string[] = () => [],
  ) => {
    const seen = new Map<string, T>();
    entries.forEach((entry, index) => {
      for (const code of [entry.code, ...extra(entry)]) {
        if (!isText(code)) problem(`${name}[${index}].code`, 'is required');
        else if (seen.has(code)) problem(`${name}[${index}].code`, `${code} is listed twice`);
        else seen.set(code, entry);
      }
    });
    return seen;
  };
  const checkNames = (path: string, names: unknown) => {
    if (!isRecord(names)) return problem(`${path}.names`, `must give a name in each of ${LANGUAGES.join(', ')}`);
    for (const language of LANGUAGES) if (!isText(names[language])) problem(`${path}.names.${language}`, 'is missing');
  };

  // Regions: codes, levels, parents one level up and containing their children.
  const regions = listOf<Region>('regions');
  const regionsByCode = uniqueCodes('regions', regions);
  if (!isText(document.city) || regionsByCode.get(document.city)?.level !== 'city')
    problem('city', `must be the code of a city-level region, not ${JSON.stringify(document.city)}`);
  regions.forEach((region, index) => {
    const path = `regions[${index}]`;
    if (!isText(region.code) || !REGION_CODE.test(region.code))
      problem(`${path}.code`, `${region.code} is not a GB/T 2260 code of 6, 9 or 12 digits`);
    if (!isLevel(region.level)) problem(`${path}.level`, `must be one of ${Object.keys(LEVEL_DEPTH).join(', ')}`);
    else if (isText(region.code) && REGION_CODE.test(region.code) && !levelsOfCode(region.code).includes(region.level))
      problem(`${path}.level`, `${region.level} does not fit a code of ${region.code.length} digits`);
    checkNames(path, region.names);
    if (region.level === 'city') {
      if (region.parent !== undefined) problem(`${path}.parent`, 'the city has no parent');
      if (region.code !== document.city) problem(`${path}.code`, `only one city (${document.city}) is allowed`);
    } else if (isLevel(region.level)) {
      const parent = isText(region.parent) ? regionsByCode.get(region.parent) : undefined;
      if (!parent) problem(`${path}.parent`, `unknown region ${JSON.stringify(region.parent)}`);
      else if (LEVEL_DEPTH[parent.level] !== LEVEL_DEPTH[region.level] - 1)
        problem(
          `${path}.parent`,
          `a ${region.level} lies in a ${Object.keys(LEVEL_DEPTH)[LEVEL_DEPTH[region.level] - 1]}, not in a ${parent.level}`,
        );
      else if (region.level !== 'district' && isText(region.code) && !region.code.startsWith(parent.code))
        problem(`${path}.code`, `${region.code} does not start with its parent's code ${parent.code}`);
    }
    if (region.boundary !== undefined) {
      if (!isPolygonal(region.boundary))
        problem(`${path}.boundary`, 'must be a GeoJSON Polygon or MultiPolygon of [longitude, latitude] rings');
      else {
        const parent = region.parent ? regionsByCode.get(region.parent) : undefined;
        if (parent?.boundary && isPolygonal(parent.boundary)) {
          const outside = verticesOf(region.boundary).find((vertex) => !boundaryContains(parent.boundary!, vertex));
          if (outside) problem(`${path}.boundary`, `point [${outside.join(', ')}] lies outside its parent ${parent.code}`);
        }
      }
    }
    step();
  });

  // Departments: one of each kind per region, at the region's level.
  const departments = listOf<Department>('departments');
  const departmentsByCode = uniqueCodes('departments', departments);
  const kindsAtLevel = new Map<AdministrativeLevel, Set<string>>();
  const kindAndRegion = new Set<string>();
  departments.forEach((department, index) => {
    const path = `departments[${index}]`;
    if (isText(department.code) && !CODE.test(department.code))
      problem(`${path}.code`, 'must be lower-case letters, digits, dots and dashes, at most 64');
    if (!isText(department.kind)) problem(`${path}.kind`, 'is required');
    checkNames(path, department.names);
    const region = regionsByCode.get(department.region);
    if (!region) problem(`${path}.region`, `unknown region ${JSON.stringify(department.region)}`);
    else if (region.level !== department.level) problem(`${path}.level`, `must be ${region.level}, the level of region ${region.code}`);
    if (department.parent !== undefined && !departmentsByCode.has(department.parent))
      problem(`${path}.parent`, `unknown department ${JSON.stringify(department.parent)}`);
    const key = `${department.kind}@${department.region}`;
    if (kindAndRegion.has(key)) problem(`${path}.kind`, `region ${department.region} already has a ${department.kind} department`);
    kindAndRegion.add(key);
    if (region) kindsAtLevel.set(region.level, new Set([...(kindsAtLevel.get(region.level) ?? []), department.kind]));
  });

  // The taxonomy: domains → subdomains → categories, with codes and earlier codes unique together.
  const domains = listOf<Domain>('domains');
  const subdomains = listOf<Subdomain>('subdomains');
  const categories = listOf<Category>('categories');
  const domainsByCode = uniqueCodes('domains', domains);
  const subdomainsByCode = uniqueCodes('subdomains', subdomains);
  const categoriesByCode = uniqueCodes('categories', categories, (category) => (Array.isArray(category.aliases) ? category.aliases : []));
  subdomains.forEach((subdomain, index) => {
    if (!isText(subdomain.name)) problem(`subdomains[${index}].name`, 'is required');
    if (!domainsByCode.has(subdomain.domain)) problem(`subdomains[${index}].domain`, `unknown domain ${JSON.stringify(subdomain.domain)}`);
  });
  categories.forEach((category, index) => {
    const path = `categories[${index}]`;
    if (isText(category.code) && !CODE.test(category.code))
      problem(`${path}.code`, 'must be lower-case letters, digits, dots and dashes, at most 64');
    if (!isText(category.name)) problem(`${path}.name`, 'is required');
    if (!subdomainsByCode.has(category.subdomain)) problem(`${path}.subdomain`, `unknown subdomain ${JSON.stringify(category.subdomain)}`);
    for (const list of ['keywords', 'aliases'] as const) {
      const value = category[list];
      if (value !== undefined && (!Array.isArray(value) || !value.every(isText))) problem(`${path}.${list}`, 'must be a list of words');
    }
    const codes = [category.code, ...(Array.isArray(category.aliases) ? category.aliases : [])].filter(isText);
    for (const { path: at, message } of open311ServiceProblems(`${path}.open311`, category.open311, codes)) problem(at, message);
  });
  domains.forEach((domain, index) => {
    checkNames(`domains[${index}]`, domain.names);
    const category = categoriesByCode.get(domain.defaultCategory);
    if (!category || category.code !== domain.defaultCategory)
      problem(`domains[${index}].defaultCategory`, `unknown category ${JSON.stringify(domain.defaultCategory)}`);
    else if (subdomainsByCode.get(category.subdomain)?.domain !== domain.code)
      problem(`domains[${index}].defaultCategory`, `${category.code} is not in domain ${domain.code}`);
  });

  // Routes: every category exactly once, every kind present at its level, and a city rule so that every case reaches
  // someone (there is one city-level region, so a kind present at city level is present in the city).
  const routed = new Set<string>();
  const cityKinds = kindsAtLevel.get('city') ?? new Set();
  document.routes.forEach((route, index) => {
    step();
    if (!isRecord(route)) return;
    const path = `routes[${index}]`;
    const category = categoriesByCode.get(route.category);
    if (!category || category.code !== route.category) problem(`${path}.category`, `unknown category ${JSON.stringify(route.category)}`);
    else if (routed.has(route.category)) problem(`${path}.category`, `${route.category} is routed twice`);
    routed.add(route.category);
    if (!isRecord(route.levels)) return problem(`${path}.levels`, 'must map levels to rules');
    if (!isRecord(route.levels.city))
      problem(`${path}.levels.city`, 'is required: the city rule answers wherever no more specific one applies');
    for (const [level, rule] of Object.entries(route.levels)) {
      const rulePath = `${path}.levels.${level}`;
      if (!isLevel(level)) {
        problem(rulePath, `is not one of ${Object.keys(LEVEL_DEPTH).join(', ')}`);
        continue;
      }
      if (!isRecord(rule)) {
        problem(rulePath, 'must be an object with a lead');
        continue;
      }
      if (!isText(rule.lead)) problem(`${rulePath}.lead`, 'is required');
      else if (!kindsAtLevel.get(level as AdministrativeLevel)?.has(rule.lead))
        problem(`${rulePath}.lead`, `no ${level} department is of kind ${rule.lead}`);
      const co = rule.co === undefined ? [] : rule.co;
      if (!Array.isArray(co) || !co.every(isText)) problem(`${rulePath}.co`, 'must be a list of department kinds');
      else
        for (const kind of co)
          if (!cityKinds.has(kind) && !kindsAtLevel.get(level as AdministrativeLevel)?.has(kind))
            problem(`${rulePath}.co`, `no ${level === 'city' ? 'city' : `${level} or city`} department is of kind ${kind}`);
      if (rule.mode !== undefined && !HANDLING_MODES.includes(rule.mode as HandlingMode))
        problem(`${rulePath}.mode`, `must be one of ${HANDLING_MODES.join(', ')}`);
      else if (rule.mode === 'single' && Array.isArray(co) && co.length > 0) problem(`${rulePath}.mode`, 'single cannot have co-handlers');
      else if ((rule.mode === 'separately' || rule.mode === 'lead-co') && (!Array.isArray(co) || co.length === 0))
        problem(`${rulePath}.co`, `${rule.mode} needs at least one co-handler`);
    }
    if (route.timeLimits !== undefined) {
      if (!isRecord(route.timeLimits)) problem(`${path}.timeLimits`, 'must map case types to working days');
      else
        for (const [type, days] of Object.entries(route.timeLimits)) {
          if (!CASE_TYPE_NAMES.includes(type as CaseTypeName))
            problem(`${path}.timeLimits.${type}`, `is not one of ${CASE_TYPE_NAMES.join(', ')}`);
          else if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 60)
            problem(`${path}.timeLimits.${type}`, 'must be a whole number of working days from 1 to 60');
        }
    }
  });
  categories.forEach((category, index) => {
    if (isText(category.code) && !routed.has(category.code))
      problem(`categories[${index}]`, `${category.code} (${category.name}) is not routed`);
  });
  for (const { path, message } of knowledgeBaseProblems(raw.answers, (code) => categoriesByCode.get(code)?.code === code))
    problem(path, message);
  for (const { path, message } of serviceItemProblems(raw.serviceItems, (code) => departmentsByCode.has(code))) problem(path, message);
  return problems.length > 0 ? { problems } : { catalog: new Catalog(document), problems };
}

/** Checks a catalog and throws a CatalogError naming every problem. */
export function parseCatalog(raw: unknown): Catalog {
  const { catalog, problems } = validateCatalog(raw);
  if (!catalog) throw new CatalogError(problems);
  return catalog;
}
