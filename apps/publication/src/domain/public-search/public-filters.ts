/**
 * The filters of the public search beyond its words. A domain is any level of the catalog's category codes
 * (`urban`, `urban.02` or `urban.02.04`): it holds itself and every code below it. A region is a GB/T 2260 code: a
 * province (`430000`) holds every code that starts with its two digits, a city (`430100`) its four, a district
 * (`430102`) its six, a street (`430102001`) itself and what lies under it.
 */

/** What a region code of 6, 9 or 12 digits holds: the codes starting with this prefix. */
export function regionPrefixOf(regionCode: string): string {
  if (regionCode.length !== 6) return regionCode;
  if (regionCode.endsWith('0000')) return regionCode.slice(0, 2);
  if (regionCode.endsWith('00')) return regionCode.slice(0, 4);
  return regionCode;
}

/** A region code the filter takes: 6 digits (province, city, district), 9 (street) or 12 (community). */
export const REGION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;
/** A domain, subdomain or category code of the catalog (`urban`, `urban.02`, `urban.02.04`). */
export const DOMAIN_CODE = /^[a-z][a-z0-9-]{0,31}(\.[0-9a-z-]{1,16}){0,3}$/;
