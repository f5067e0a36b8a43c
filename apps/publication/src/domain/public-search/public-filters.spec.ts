import { DOMAIN_CODE, REGION_CODE, regionPrefixOf } from './public-filters';

describe('the public search filters', () => {
  it('takes a region as the prefix its level holds', () => {
    expect(regionPrefixOf('430000')).toBe('43');
    expect(regionPrefixOf('430100')).toBe('4301');
    expect(regionPrefixOf('430102')).toBe('430102');
    expect(regionPrefixOf('430102001')).toBe('430102001');
    expect('430102001'.startsWith(regionPrefixOf('430100'))).toBe(true);
    expect('440102'.startsWith(regionPrefixOf('430000'))).toBe(false);
  });

  it('knows the codes it takes', () => {
    for (const code of ['urban', 'urban.02', 'urban.02.04', 'social-security.01']) expect(DOMAIN_CODE.test(code)).toBe(true);
    for (const code of ['Urban', 'urban.', '.02', 'urban..02', 'urban.02.04.05.06', "urban'"]) expect(DOMAIN_CODE.test(code)).toBe(false);
    for (const code of ['430100', '430102001', '430102001001']) expect(REGION_CODE.test(code)).toBe(true);
    for (const code of ['4301', '4301000', '43010200', 'abcdef']) expect(REGION_CODE.test(code)).toBe(false);
  });
});
