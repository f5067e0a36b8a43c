import { caseTypeName, Open311Datatype, timestampDate, type CatalogPublished } from '@ugov/contracts';
import type { IntakeCatalog } from '../domain/intake-catalog';
import type { Open311Attribute } from '../domain/open311-services';

const DATATYPES: Readonly<Record<Open311Datatype, Open311Attribute['datatype'] | undefined>> = {
  [Open311Datatype.UNSPECIFIED]: undefined,
  [Open311Datatype.STRING]: 'string',
  [Open311Datatype.NUMBER]: 'number',
  [Open311Datatype.DATETIME]: 'datetime',
  [Open311Datatype.TEXT]: 'text',
  [Open311Datatype.SINGLEVALUELIST]: 'singlevaluelist',
  [Open311Datatype.MULTIVALUELIST]: 'multivaluelist',
};

/** A catalog version as dispatch published it, as intake keeps it; an attribute of no known datatype is a free text. */
export function intakeCatalogOf(event: CatalogPublished): IntakeCatalog {
  return {
    version: event.version,
    effectiveFrom: event.effectiveFrom ? timestampDate(event.effectiveFrom) : new Date(0),
    open311Services: event.open311Services.map((service) => ({
      code: service.code,
      name: service.name,
      description: service.description,
      group: service.group,
      keywords: [...service.keywords],
      caseType: caseTypeName(service.caseType),
      attributes: service.attributes.map((attribute) => ({
        code: attribute.code,
        datatype: DATATYPES[attribute.datatype] ?? 'string',
        required: attribute.required,
        description: attribute.description,
        ...(attribute.datatypeDescription !== '' ? { datatypeDescription: attribute.datatypeDescription } : {}),
        ...(attribute.values.length > 0 ? { values: attribute.values.map(({ key, name }) => ({ key, name })) } : {}),
      })),
    })),
    serviceItems: event.serviceItems.map((item) => ({
      code: item.code,
      materials: item.materials.map(({ code, names }) => ({ code, names: { ...names } })),
    })),
  };
}
