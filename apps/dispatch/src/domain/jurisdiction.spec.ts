import demoCity from '../../catalog/demo-city.json';
import { parseCatalog } from './catalog';
import { findJurisdiction, regionOfCode, regionOfText } from './jurisdiction';

const catalog = parseCatalog(demoCity);
const codeOf = (region: { code: string } | undefined) => region?.code;

describe('regionOfText', () => {
  it('finds the most specific region named, in simplified or traditional characters', () => {
    expect(codeOf(regionOfText('A2区暮云街道暮云社区门口', catalog))).toBe('430103003001');
    expect(codeOf(regionOfText('住在A2區暮雲街道', catalog))).toBe('430103003');
  });

  it('prefers a street whose district is named too, then the one named first', () => {
    // 洞井街道 is in A5区; 星沙街道 in A7县, which is named.
    expect(codeOf(regionOfText('洞井街道的朋友说A7县星沙街道也这样', catalog))).toBe('430121001');
    expect(codeOf(regionOfText('洞井街道和星沙街道都这样', catalog))).toBe('430111001');
  });

  it("places nothing by the city's name alone, or by no name at all", () => {
    expect(regionOfText('A市的公交太挤了', catalog)).toBeUndefined();
    expect(regionOfText('公交太挤了', catalog)).toBeUndefined();
  });
});

describe('regionOfCode and findJurisdiction', () => {
  it('takes a known code, or the longest known prefix', () => {
    expect(codeOf(regionOfCode('430111001002', catalog))).toBe('430111001002');
    expect(codeOf(regionOfCode('430111001999', catalog))).toBe('430111001');
    expect(regionOfCode('4301', catalog)).toBeUndefined();
  });

  it('falls back from an unplaceable region code to the point, and from a point outside the city to the address', () => {
    expect(findJurisdiction({ regionCode: '110101', lat: 28.16, long: 112.915 }, '', catalog)).toMatchObject({
      basis: 'map-point',
      region: { code: '430111001' },
    });
    expect(findJurisdiction({ lat: 39.9, long: 116.4, address: 'A3区学士街道' }, '', catalog)).toMatchObject({
      basis: 'address',
      region: { code: '430104003' },
    });
    expect(findJurisdiction({}, '', catalog)).toMatchObject({ basis: 'city', region: { code: '430100' } });
  });
});
