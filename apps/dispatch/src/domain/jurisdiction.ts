import type { Catalog, Region } from './catalog';
import { boundaryContains, type Position } from './geometry';

/** Where a case happened, as far as the catalog's regions tell. */
export interface Location {
  readonly regionCode?: string;
  readonly lat?: number;
  readonly long?: number;
  readonly address?: string;
}

/** How the region was found; `city` when nothing placed the case more precisely. */
export type JurisdictionBasis = 'region-code' | 'map-point' | 'address' | 'description' | 'city';

export interface Jurisdiction {
  readonly region: Region;
  readonly basis: JurisdictionBasis;
}

/** A known code, or the longest known prefix of an unknown one (a street or community the catalog does not list). */
export function regionOfCode(code: string, catalog: Catalog): Region | undefined {
  for (const length of [12, 9, 6]) {
    const region = code.length >= length ? catalog.region(code.slice(0, length)) : undefined;
    if (region) return region;
  }
  return undefined;
}

/** The most specific region whose boundary holds the point, walking down from the city. */
export function regionOfPoint(point: Position, catalog: Catalog): Region | undefined {
  if (catalog.city.boundary && !boundaryContains(catalog.city.boundary, point)) return undefined;
  let region = catalog.city;
  for (;;) {
    const child = catalog.children(region.code).find((candidate) => candidate.boundary && boundaryContains(candidate.boundary, point));
    if (!child) return region;
    region = child;
  }
}

/**
 * The region named in a text: the most specific one whose name (simplified or traditional) occurs, preferring one
 * whose district or street is named too, then the one named first. The city's own name alone places nothing.
 */
export function regionOfText(text: string, catalog: Catalog): Region | undefined {
  const found = new Map<string, { region: Region; at: number }>();
  for (const region of catalog.regions) {
    const simplified = text.indexOf(region.names['zh-Hans']);
    const traditional = region.names['zh-Hant'] === region.names['zh-Hans'] ? -1 : text.indexOf(region.names['zh-Hant']);
    const at = simplified < 0 ? traditional : traditional < 0 ? simplified : Math.min(simplified, traditional);
    if (at >= 0) found.set(region.code, { region, at });
  }
  let best: { region: Region; at: number; depth: number; support: number } | undefined;
  for (const { region, at } of found.values()) {
    if (region.level === 'city') continue;
    const lineage = catalog.lineage(region);
    const candidate = { region, at, depth: lineage.length, support: lineage.filter((member) => found.has(member.code)).length };
    if (
      !best ||
      candidate.depth > best.depth ||
      (candidate.depth === best.depth &&
        (candidate.support > best.support || (candidate.support === best.support && candidate.at < best.at)))
    )
      best = candidate;
  }
  return best?.region;
}

/** Region code first, then the map point, then the address, then place names in the description; else the city. */
export function findJurisdiction(location: Location, description: string, catalog: Catalog): Jurisdiction {
  const byCode = location.regionCode ? regionOfCode(location.regionCode, catalog) : undefined;
  if (byCode) return { region: byCode, basis: 'region-code' };
  if (Number.isFinite(location.lat) && Number.isFinite(location.long)) {
    const byPoint = regionOfPoint([location.long!, location.lat!], catalog);
    if (byPoint) return { region: byPoint, basis: 'map-point' };
  }
  const byAddress = location.address ? regionOfText(location.address, catalog) : undefined;
  if (byAddress) return { region: byAddress, basis: 'address' };
  const byDescription = regionOfText(description, catalog);
  if (byDescription) return { region: byDescription, basis: 'description' };
  return { region: catalog.city, basis: 'city' };
}
