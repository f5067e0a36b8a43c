import { versionInForce } from '@ugov/domain';
import shipped from './shipped-catalog.json';
import type { CaseTypeName } from '@ugov/contracts';

/** One question a GeoReport service asks (its service definition's attribute). */
export interface Open311Attribute {
  readonly code: string;
  readonly datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  readonly required: boolean;
  readonly description: string;
  readonly datatypeDescription?: string;
  readonly values?: readonly { readonly key: string; readonly name: string }[];
}

/** A GeoReport service: a category of the dispatch catalog, offered to Open311 clients. */
export interface Open311Service {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly group: string;
  readonly keywords: readonly string[];
  /** The ugov request type a request to this service becomes. */
  readonly caseType: CaseTypeName;
  readonly attributes: readonly Open311Attribute[];
}

/** A material as intake knows it: its code and its names in the five languages. */
export interface KnownMaterial {
  readonly code: string;
  readonly names: Readonly<Record<string, string>>;
}

/** A service item (政务服务事项) and the materials an application for it must carry (every one is required). */
export interface ServiceItemRequirement {
  readonly code: string;
  readonly materials: readonly KnownMaterial[];
}

/**
 * What intake serves and checks from one version of the dispatch catalog: the Open311 services with their attributes,
 * and the service items with their materials, in force from `effectiveFrom`.
 */
export interface IntakeCatalog {
  readonly version: number;
  readonly effectiveFrom: Date;
  readonly open311Services: readonly Open311Service[];
  readonly serviceItems: readonly ServiceItemRequirement[];
}

/**
 * The catalog intake ships with, version 0 and in force since always: the demonstration city's
 * (apps/dispatch/catalog/demo-city.json), derived by `npm run catalog:derive` into shipped-catalog.json. It answers
 * until dispatch's first dispatch.catalog-published.v1 arrives; dispatch's seeded version 1 then replaces it.
 */
export const SHIPPED_CATALOG: IntakeCatalog = {
  version: 0,
  effectiveFrom: new Date('2000-01-01T00:00:00+08:00'),
  open311Services: shipped.open311Services as readonly Open311Service[],
  serviceItems: shipped.serviceItems,
};

/**
 * The versions this process knows (kept by infra/catalog-versions.ts from intake.catalog_versions), the
 * shipped one always among them; a plain holder so that the rules below read "the catalog in force now" without I/O.
 */
let knownVersions: readonly IntakeCatalog[] = [SHIPPED_CATALOG];

/** Replaces the known versions with the shipped one and `versions` (as stored from dispatch's events). */
export function knowCatalogVersions(versions: readonly IntakeCatalog[]): void {
  knownVersions = [SHIPPED_CATALOG, ...versions.filter((version) => version.version > 0)];
}

/** The version in force at an instant (now unless said): the latest effective one, the later import on a tie. */
export function catalogInForce(at: Date = new Date()): IntakeCatalog {
  return versionInForce(knownVersions, at) ?? SHIPPED_CATALOG;
}
