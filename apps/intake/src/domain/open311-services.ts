import type { CaseTypeName } from '@ugov/contracts';
import { catalogInForce } from './intake-catalog';

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

/**
 * The services Open311 clients may file requests under, from the catalog version in force: categories of the dispatch
 * catalog that carry Open311 data (`categories[i].open311` in apps/dispatch/catalog/demo-city.json), by a code the
 * category has (its code or an alias), so that the service code is a category code dispatch routes by.
 */
export const open311Services = (at?: Date): readonly Open311Service[] => catalogInForce(at).open311Services;

export const open311ServiceOf = (code: string, at?: Date): Open311Service | undefined =>
  open311Services(at).find((service) => service.code === code);
