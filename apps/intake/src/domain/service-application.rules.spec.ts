import { serviceApplicationProblems, serviceItemCodes } from './service-application.rules';

describe('service applications against the catalog', () => {
  const licence = (...names: string[]) => ({ serviceItemCode: '430100-000201-xk', materials: names.map((name) => ({ name })) });

  it('knows the demonstration city items', () => {
    expect(serviceItemCodes()).toContain('430100-000201-xk');
    expect(serviceItemCodes().length).toBeGreaterThanOrEqual(10);
  });

  it('accepts an application with every material, by any of its names or its code', () => {
    expect(serviceApplicationProblems(licence('企业设立登记申请书', 'Articles of association', ' 身份证复印件 ', 'premises'))).toEqual([]);
  });

  it('names an unknown item, a material the item does not ask for, and each missing one', () => {
    expect(serviceApplicationProblems({ serviceItemCode: '430100-999999-xk', materials: [{ name: '身份证复印件' }] })).toEqual([
      { field: 'serviceApplication.serviceItemCode', reason: 'serviceItemCode 430100-999999-xk is not a service item of the catalog' },
    ]);
    expect(serviceApplicationProblems(licence('企业设立登记申请书', '公司章程', '身份证复印件', '户口本'))).toEqual([
      { field: 'serviceApplication.materials[3].name', reason: 'name 户口本 is not a material of service item 430100-000201-xk' },
      {
        field: 'serviceApplication.materials',
        reason: 'materials lack 住所（经营场所）使用证明, which service item 430100-000201-xk requires',
      },
    ]);
  });
});
