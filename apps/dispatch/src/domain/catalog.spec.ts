import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import demoCity from '../../catalog/demo-city.json';
import { LANGUAGES, parseCatalog, validateCatalog, type CatalogDocument } from './catalog';

const demo = demoCity as unknown as CatalogDocument;
const copy = (): { -readonly [K in keyof CatalogDocument]: any } => JSON.parse(JSON.stringify(demo));
const problemsOf = (document: unknown) => validateCatalog(document).problems.map((problem) => `${problem.path}: ${problem.message}`);
/** The board's taxonomy the demo city was built from, in ../shared beside the project (not shipped with it). */
const TAXONOMY = join(__dirname, '../../../../../shared/data/gov-messages/taxonomy.csv');
const withTaxonomy = existsSync(TAXONOMY) ? it : it.skip;

describe('the demonstration city', () => {
  const catalog = parseCatalog(demo);

  withTaxonomy('routes every category of the taxonomy it was built from, under the same three levels', () => {
    const rows = readFileSync(TAXONOMY, 'utf8').trim().split(/\s*\n/).slice(1);
    const names = catalog.categories.map((category) => {
      const subdomain = demo.subdomains.find((candidate) => candidate.code === category.subdomain)!;
      return [demo.domains.find((domain) => domain.code === subdomain.domain)!.names['zh-Hans'], subdomain.name, category.name].join(',');
    });
    expect(rows).toHaveLength(517);
    expect(names).toEqual(rows);
    expect(new Set(demo.routes.map((route) => route.category))).toEqual(new Set(names.map((_, index) => catalog.categories[index].code)));
  });

  it('has 30 to 50 departments on all four levels, each named in five languages', () => {
    expect(catalog.departments.length).toBeGreaterThanOrEqual(30);
    expect(catalog.departments.length).toBeLessThanOrEqual(50);
    expect(new Set(catalog.departments.map((department) => department.level))).toEqual(
      new Set(['city', 'district', 'street', 'community']),
    );
    for (const department of catalog.departments) for (const language of LANGUAGES) expect(department.names[language]).toBeTruthy();
  });

  it('uses every routing mode somewhere', () => {
    const modes = new Set(demo.routes.flatMap((route) => Object.values(route.levels).map((rule) => rule!.mode ?? 'single')));
    expect(modes).toEqual(new Set(['single', 'separately', 'lead-co']));
  });
});

describe('validateCatalog', () => {
  it('names every broken reference, each with its path', () => {
    const document = copy();
    document.departments[0].region = '999999';
    document.routes[0].levels.city.lead = 'nobody';
    document.routes[1].levels.district = { lead: 'housing', co: ['astrology'], mode: 'lead-co' };
    document.regions[2].parent = '430104';
    document.domains[0].defaultCategory = 'land.01.01';
    expect(problemsOf(document)).toEqual(
      expect.arrayContaining([
        "regions[2].code: 430102001 does not start with its parent's code 430104",
        'departments[0].region: unknown region "999999"',
        'domains[0].defaultCategory: land.01.01 is not in domain urban',
        'routes[0].levels.city.lead: no city department is of kind nobody',
        'routes[1].levels.district.co: no district or city department is of kind astrology',
      ]),
    );
  });

  it('names every text PostgreSQL could not store (U+0000, a lone surrogate), in values and in keys', () => {
    const document = copy();
    document.departments[0].names['zh-Hans'] = 'A\u0000';
    document.regions[1].names.en = 'half \ud800';
    document.routes[0].levels['ci\u0000ty'] = document.routes[0].levels.city;
    expect(problemsOf(document).sort()).toEqual(
      [
        'departments[0].names.zh-Hans: holds U+0000 or an unpaired surrogate, which cannot be stored',
        'regions[1].names.en: holds U+0000 or an unpaired surrogate, which cannot be stored',
        'routes[0].levels.ci\u0000ty: its name holds U+0000 or an unpaired surrogate, which cannot be stored',
      ].sort(),
    );
  });

  it('refuses a category that is not routed, or routed twice, or without a city rule', () => {
    const document = copy();
    const [first, second, third] = document.routes;
    document.routes = [
      first,
      first,
      { ...third, levels: { district: third.levels.district ?? { lead: 'housing' } } },
      ...document.routes.slice(3),
    ];
    expect(problemsOf(document)).toEqual(
      expect.arrayContaining([
        `routes[1].category: ${first.category} is routed twice`,
        'routes[2].levels.city: is required: the city rule answers wherever no more specific one applies',
        `categories[1]: ${second.category} (安全生产管理) is not routed`,
      ]),
    );
  });

  it('checks modes, time limits, codes, levels, names and boundaries', () => {
    const document = copy();
    document.routes[0].levels.city = { lead: 'emergency', co: ['police'], mode: 'single' };
    document.routes[1].levels.city = { lead: 'urban-management', mode: 'separately' };
    document.routes[2].timeLimits = { complaint: 0, gossip: 3 };
    document.regions[1].level = 'street';
    document.departments[1].names = { 'zh-Hans': '城管局' };
    document.departments[2].code = 'City Housing';
    document.regions[2].boundary = {
      type: 'Polygon',
      coordinates: [
        [
          [112.8, 28.2],
          [113.9, 28.2],
          [112.9, 28.3],
          [112.8, 28.2],
        ],
      ],
    };
    expect(problemsOf(document)).toEqual(
      expect.arrayContaining([
        'routes[0].levels.city.mode: single cannot have co-handlers',
        'routes[1].levels.city.co: separately needs at least one co-handler',
        'routes[2].timeLimits.complaint: must be a whole number of working days from 1 to 60',
        'routes[2].timeLimits.gossip: is not one of consultation, help, suggestion, praise, complaint, report',
        'regions[1].level: street does not fit a code of 6 digits',
        'departments[1].names.en: is missing',
        'departments[2].code: must be lower-case letters, digits, dots and dashes, at most 64',
        'regions[2].boundary: point [113.9, 28.2] lies outside its parent 430102',
      ]),
    );
  });

  it('says what is missing from something that is not a catalog at all', () => {
    expect(problemsOf('nope')).toEqual(['$: a catalog must be an object']);
    expect(problemsOf({ regions: [] })).toEqual([
      'departments: must be a list',
      'domains: must be a list',
      'subdomains: must be a list',
      'categories: must be a list',
      'routes: must be a list',
    ]);
  });

  it('throws from parseCatalog with every problem in the message', () => {
    const document = copy();
    document.departments[0].region = '999999';
    document.departments[1].region = '888888';
    expect(() => parseCatalog(document)).toThrow(/999999[\s\S]*888888/);
  });
});

describe('validateCatalog on anything', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require('fast-check') as typeof import('fast-check');

  it('answers with problems, never with an exception, whatever it is given', () => {
    const anyValue = fc.anything({ maxDepth: 4 });
    const mutated = fc
      .tuple(fc.constantFrom('regions', 'departments', 'domains', 'subdomains', 'categories', 'routes'), fc.nat(40), fc.string(), anyValue)
      .map(([list, index, key, value]) => {
        const document = copy();
        const entry = document[list][index];
        if (entry) entry[key === '' ? 'code' : key.length % 3 === 0 ? 'levels' : key] = value;
        return document;
      });
    fc.assert(
      fc.property(fc.oneof(anyValue, mutated), (raw) => {
        expect(Array.isArray(validateCatalog(raw).problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
