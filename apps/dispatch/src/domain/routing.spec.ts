import seedCatalog from '../../catalog/seed-catalog.json';
import { parseCatalog } from './catalog';
import { routeCase } from './routing';

const catalog = parseCatalog(seedCatalog);

describe('routeCase', () => {
  it('routes a known category code to the responsible city department', () => {
    const decision = routeCase({ categoryCode: 'labor.wages', description: '', regionCode: '430102' }, catalog);
    expect(decision).toMatchObject({ kind: 'assigned', basis: 'category-code', department: { code: 'city-hrss' } });
  });

  it("prefers the region's own department, also for a street code inside the district", () => {
    const district = routeCase({ categoryCode: 'urban.property-management', description: '', regionCode: '430103' }, catalog);
    const street = routeCase({ categoryCode: 'urban.property-management', description: '', regionCode: '430103001' }, catalog);
    const elsewhere = routeCase({ categoryCode: 'urban.property-management', description: '', regionCode: '430104' }, catalog);
    expect(district).toMatchObject({ department: { code: 'a2-housing' } });
    expect(street).toMatchObject({ department: { code: 'a2-housing' } });
    expect(elsewhere).toMatchObject({ department: { code: 'city-housing' } });
  });

  it('classifies by keywords when no category code is given', () => {
    const decision = routeCase({ categoryCode: '', description: '公司拖欠工资三个月，加班费也不发', regionCode: '' }, catalog);
    expect(decision).toMatchObject({ kind: 'assigned', basis: 'keyword', category: { code: 'labor.wages' } });
  });

  it('sends an unknown category code to triage rather than guessing', () => {
    const decision = routeCase({ categoryCode: 'no.such-category', description: '小区物业不作为', regionCode: '' }, catalog);
    expect(decision).toEqual({ kind: 'triage', reason: 'category no.such-category is not in the dispatch catalog' });
  });

  it('sends a description without any keyword to triage', () => {
    expect(routeCase({ categoryCode: '', description: '请问这个周末天气怎么样', regionCode: '' }, catalog)).toMatchObject({
      kind: 'triage',
    });
  });
});

describe('parseCatalog', () => {
  it('names every broken reference', () => {
    const broken = {
      regions: [{ code: '430100', name: 'A市', level: 'city' }],
      departments: [{ code: 'x', name: 'X', level: 'city', region: '999999' }],
      categories: [{ code: 'c', name: 'C', domain: 'd', keywords: [], departments: { default: 'nobody' } }],
    };
    expect(() => parseCatalog(broken)).toThrow(/department x: unknown region 999999[\s\S]*category c: unknown department nobody/);
  });
});
