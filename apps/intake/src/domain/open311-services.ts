import { catalogInForce, type Open311Service } from './intake-catalog';

export type { Open311Attribute, Open311Service } from './intake-catalog';

/**
 * The services Open311 clients may file requests under, from the catalog version in force: categories of the dispatch
 * catalog that carry Open311 data (`categories[i].open311` in apps/dispatch/catalog/demo-city.json), by a code the
 * category has (its code or an alias), so that the service code is a category code dispatch routes by.
 */
export const open311Services = (at?: Date): readonly Open311Service[] => catalogInForce(at).open311Services;

export const open311ServiceOf = (code: string, at?: Date): Open311Service | undefined =>
  open311Services(at).find((service) => service.code === code);
