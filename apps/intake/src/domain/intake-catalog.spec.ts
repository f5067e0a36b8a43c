import { catalogInForce, knowCatalogVersions, SHIPPED_CATALOG, type IntakeCatalog } from './intake-catalog';
import { open311ServiceOf, open311Services } from './open311-services';
import { serviceApplicationProblems } from './service-application.rules';

describe('the catalog intake serves', () => {
  afterEach(() => knowCatalogVersions([]));

  const version = (number: number, effectiveFrom: string, change: Partial<IntakeCatalog> = {}): IntakeCatalog => ({
    ...SHIPPED_CATALOG,
    version: number,
    effectiveFrom: new Date(effectiveFrom),
    ...change,
  });

  it('is the shipped demonstration city until a version is known, with distinct Open311 service codes', () => {
    expect(catalogInForce()).toBe(SHIPPED_CATALOG);
    const codes = open311Services().map((service) => service.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThanOrEqual(16);
    expect(open311ServiceOf('environment.noise')?.attributes.map((attribute) => attribute.code)).toEqual(['SOURCE', 'HOURS', 'SINCE']);
  });

  it('is the version in force by effective time: the seeded one replaces the shipped one, a later one takes over on its day', () => {
    const seeded = version(1, '2000-01-01T00:00:00+08:00');
    const later = version(2, '2027-01-01T00:00:00+08:00', { open311Services: [] });
    knowCatalogVersions([seeded, later]);
    expect(catalogInForce(new Date('2026-12-31T15:59:59Z'))).toBe(seeded);
    expect(catalogInForce(new Date('2026-12-31T16:00:00Z'))).toBe(later);
    expect(open311Services(new Date('2027-06-01T00:00:00Z'))).toEqual([]);
  });

  it('checks a service application against the version in force', () => {
    const withNewItem = version(2, '2020-01-01T00:00:00+08:00', {
      serviceItems: [{ code: '430100-009901-gg', materials: [{ code: 'photo', names: { 'zh-Hans': '照片', en: 'Photo' } }] }],
    });
    const application = { serviceItemCode: '430100-009901-gg', materials: [{ name: 'Photo' }] };
    expect(serviceApplicationProblems(application)[0].field).toBe('serviceApplication.serviceItemCode');
    knowCatalogVersions([withNewItem]);
    expect(serviceApplicationProblems(application)).toEqual([]);
    expect(serviceApplicationProblems({ ...application, materials: [] })).toEqual([
      { field: 'serviceApplication.materials', reason: 'materials lack 照片, which service item 430100-009901-gg requires' },
    ]);
  });
});
