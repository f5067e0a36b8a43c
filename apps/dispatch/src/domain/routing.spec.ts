import demoCity from '../../catalog/demo-city.json';
import { parseCatalog } from './catalog';
import { routeCase, type CaseToRoute, type RoutingDecision } from './routing';

const catalog = parseCatalog(demoCity);
const route = (input: Partial<CaseToRoute>) => routeCase({ description: '', ...input }, catalog);
const who = (decision: RoutingDecision) =>
  decision.kind === 'assigned' ? decision.assignments.map(({ department, role }) => `${role}:${department.code}`) : [decision.reason];

describe('routeCase: duty', () => {
  it('routes a category code, or an earlier code of one, to the responsible city department', () => {
    expect(route({ categoryCode: 'labor.08.01' })).toMatchObject({
      kind: 'assigned',
      basis: 'category-code',
      department: { code: 'city-hrss' },
    });
    expect(route({ categoryCode: 'labor.wages' })).toMatchObject({ category: { name: '工资发放' }, department: { code: 'city-hrss' } });
  });

  it("takes the domain's default category when only the domain is known, by name or code", () => {
    const byName = route({ domain: '劳动和社会保障' });
    expect(byName).toMatchObject({ kind: 'assigned', basis: 'domain', category: { name: '其他' }, department: { code: 'city-hrss' } });
    expect(route({ domain: 'labor' })).toMatchObject({ category: byName.kind === 'assigned' ? { code: byName.category.code } : {} });
    expect(route({ domain: '天气' })).toEqual({ kind: 'triage', reason: 'domain 天气 is not in the dispatch catalog' });
  });

  it('classifies by keywords when neither a category nor a domain is given', () => {
    expect(route({ description: '公司拖欠工资三个月，加班费也不发' })).toMatchObject({
      basis: 'keyword',
      category: { aliases: ['labor.wages'] },
    });
  });

  it('sends an unknown category code, or a description without any keyword, to triage rather than guessing', () => {
    expect(route({ categoryCode: 'no.such-category', description: '小区物业不作为' })).toEqual({
      kind: 'triage',
      reason: 'category no.such-category is not in the dispatch catalog',
    });
    expect(route({ description: '请问这个周末天气怎么样' })).toMatchObject({ kind: 'triage' });
  });

  it("carries the category's time-limit overrides", () => {
    expect(route({ categoryCode: 'urban.02.13' })).toMatchObject({ category: { name: '燃气供应' }, timeLimits: { complaint: 1, help: 1 } });
    expect(route({ categoryCode: 'urban.02.12' })).not.toHaveProperty('timeLimits');
  });
});

describe('routeCase: level and jurisdiction', () => {
  const propertyManagement = 'urban.property-management';

  it('lets the most specific level with a responsible department win', () => {
    expect(route({ categoryCode: propertyManagement, location: { regionCode: '430103' } })).toMatchObject({
      level: 'district',
      department: { code: 'a2-housing' },
    });
    // A3 has no housing bureau of its own: the city's answers.
    expect(route({ categoryCode: propertyManagement, location: { regionCode: '430104' } })).toMatchObject({
      level: 'city',
      department: { code: 'city-housing' },
    });
    // 坡子街 has no street office: its district's bureau answers.
    expect(route({ categoryCode: propertyManagement, location: { regionCode: '430103001' } })).toMatchObject({
      level: 'district',
      department: { code: 'a2-housing' },
    });
  });

  it('copies a case sent straight to a street (直派) to its district', () => {
    const decision = route({ categoryCode: propertyManagement, location: { regionCode: '430103003' } });
    expect(decision).toMatchObject({ level: 'street', mode: 'single' });
    expect(who(decision)).toEqual(['lead:a2-muyun-street', 'copy:a2-housing']);
  });

  it("copies to the district's office when the category has no district rule", () => {
    // 城镇低保: street office, else the city's civil affairs bureau.
    const decision = route({ categoryCode: 'civil-affairs.09.03', location: { regionCode: '430111002' } });
    expect(who(decision)).toEqual(['lead:a5-guitang-street', 'copy:a5-office']);
  });

  it('reaches a community committee, and a community without one falls back to its street', () => {
    const residentServices = 'urban.02.03';
    expect(who(route({ categoryCode: residentServices, location: { regionCode: '430103003001' } }))).toEqual([
      'lead:a2-muyun-community',
      'copy:a2-housing',
    ]);
    expect(who(route({ categoryCode: residentServices, location: { regionCode: '430111001002' } }))).toEqual([
      'lead:a5-dongjing-street',
      'copy:a5-housing',
    ]);
  });

  it('takes the longest known prefix of a code the catalog does not list', () => {
    expect(route({ categoryCode: propertyManagement, location: { regionCode: '430103099' } })).toMatchObject({
      jurisdiction: { basis: 'region-code', region: { code: '430103' } },
    });
    expect(route({ categoryCode: propertyManagement, location: { regionCode: '110101' } })).toMatchObject({
      jurisdiction: { basis: 'city', region: { code: '430100' } },
    });
  });

  it('places a map point in the most specific region that holds it', () => {
    const at = (lat: number, long: number) => route({ categoryCode: propertyManagement, location: { lat, long } });
    expect(at(28.26, 112.96)).toMatchObject({
      jurisdiction: { basis: 'map-point', region: { code: '430103003' } },
      department: { code: 'a2-muyun-street' },
    });
    expect(at(28.22, 112.96)).toMatchObject({ jurisdiction: { region: { code: '430103003001' } } });
    expect(at(28.29, 112.95)).toMatchObject({ jurisdiction: { region: { code: '430103' } }, department: { code: 'a2-housing' } });
    expect(at(28.5, 113.5)).toMatchObject({ jurisdiction: { basis: 'city' }, department: { code: 'city-housing' } });
  });

  it('prefers the region code to the point, the point to the address, and the address to the description', () => {
    const decision = route({
      categoryCode: propertyManagement,
      description: 'A3区梅溪湖街道的小区',
      location: { regionCode: '430111', lat: 28.26, long: 112.96, address: 'A7县星沙街道' },
    });
    expect(decision).toMatchObject({ jurisdiction: { basis: 'region-code', region: { code: '430111' } } });
    expect(route({ categoryCode: propertyManagement, location: { address: 'A7县星沙街道' }, description: 'A3区' })).toMatchObject({
      jurisdiction: { basis: 'address', region: { code: '430121001' } },
    });
    expect(route({ categoryCode: propertyManagement, description: '我是A5区洞井街道鄱阳社区的居民' })).toMatchObject({
      jurisdiction: { basis: 'description', region: { code: '430111001001' } },
      department: { code: 'a5-dongjing-street' },
    });
  });
});

describe('routeCase: modes', () => {
  it('gives a lead and its co-handlers (主办协办)', () => {
    const decision = route({ categoryCode: 'urban.02.11' });
    expect(decision).toMatchObject({ mode: 'lead-co', category: { name: '基础设施' } });
    expect(who(decision)).toEqual(['lead:city-housing', 'co:city-urban-management']);
  });

  it('gives several departments their own part (分别办理), finding a co-handler kind the district lacks in the city', () => {
    const arrears = 'urban.08.04';
    expect(route({ categoryCode: arrears })).toMatchObject({ mode: 'separately', category: { name: '拖欠工程款' } });
    expect(who(route({ categoryCode: arrears }))).toEqual(['lead:city-housing', 'lead:city-hrss']);
    expect(who(route({ categoryCode: arrears, location: { regionCode: '430111' } }))).toEqual(['lead:a5-housing', 'lead:city-hrss']);
  });

  it('is single when the winning rule names no co-handler', () => {
    expect(route({ categoryCode: 'urban.02.11', location: { regionCode: '430103' } })).toMatchObject({
      mode: 'single',
      assignments: [{ department: { code: 'a2-housing' }, role: 'lead' }],
    });
  });
});
