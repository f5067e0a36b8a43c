import demoCity from '../../catalog/demo-city.json';
import { validateCatalog } from './catalog';
import { serviceItemProblems } from './service-items';

describe('service items (八公开)', () => {
  const departments = new Set(demoCity.departments.map((department) => department.code));
  const isDepartment = (code: string) => departments.has(code);
  const [valid] = demoCity.serviceItems;

  it('the demonstration city ships ten, each with its department, materials and eight disclosures in five languages', () => {
    expect(demoCity.serviceItems.length).toBeGreaterThanOrEqual(10);
    expect(serviceItemProblems(demoCity.serviceItems, isDepartment)).toEqual([]);
    expect(validateCatalog(demoCity).catalog?.serviceItems.map((item) => item.code)).toContain('430100-000201-xk');
  });

  it('names every problem by its path: a missing translation, an unknown department, a duplicate code, no materials', () => {
    const broken = [
      { ...valid, names: { ...valid.names, fr: '' } },
      { ...valid, department: 'city-nowhere' },
      { ...valid, code: demoCity.serviceItems[1].code, materials: [] },
      { ...valid, code: 'x-1', disclosures: { ...valid.disclosures, fees: { 'zh-Hans': '不收费' } } },
    ];
    const paths = serviceItemProblems([demoCity.serviceItems[1], ...broken], isDepartment).map((problem) => problem.path);
    expect(paths).toEqual([
      'serviceItems[1].names.fr',
      'serviceItems[2].code',
      'serviceItems[2].department',
      'serviceItems[3].code',
      'serviceItems[3].materials',
      'serviceItems[4].disclosures.fees.zh-Hant',
      'serviceItems[4].disclosures.fees.en',
      'serviceItems[4].disclosures.fees.fr',
      'serviceItems[4].disclosures.fees.ja',
    ]);
  });

  it('are optional, and a catalog with a bad one is refused', () => {
    expect(serviceItemProblems(undefined, isDepartment)).toEqual([]);
    const { problems } = validateCatalog({ ...demoCity, serviceItems: [{ ...valid, department: 'city-nowhere' }] });
    expect(problems.map((problem) => problem.path)).toEqual(['serviceItems[0].department']);
  });
});
