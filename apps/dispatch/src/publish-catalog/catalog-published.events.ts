import { CASE_TYPES, CATALOG_KEY, Open311Datatype, ReferenceEvents, timestampFromDate } from '@ugov/contracts';
import { encodeEvent, type EncodedEvent } from '@ugov/messaging';
import type { IntakeCatalogPart } from '../domain/intake-catalog';
import type { Open311Datatype as Open311DatatypeName } from '../domain/open311-services';

export const OPEN311_DATATYPES: Readonly<Record<Open311DatatypeName, Open311Datatype>> = {
  string: Open311Datatype.STRING,
  number: Open311Datatype.NUMBER,
  datetime: Open311Datatype.DATETIME,
  text: Open311Datatype.TEXT,
  singlevaluelist: Open311Datatype.SINGLEVALUELIST,
  multivaluelist: Open311Datatype.MULTIVALUELIST,
};

/** A stored catalog version as dispatch.catalog-published.v1: its number, effective time and what intake needs of it. */
export function catalogPublishedEvent(
  version: { readonly version: number; readonly effectiveFrom: Date },
  intake: IntakeCatalogPart,
  publishedAt: Date,
): EncodedEvent {
  return encodeEvent(
    ReferenceEvents.catalogPublished,
    CATALOG_KEY,
    {
      version: version.version,
      effectiveFrom: timestampFromDate(version.effectiveFrom),
      publishedAt: timestampFromDate(publishedAt),
      open311Services: intake.open311Services.map((service) => ({
        code: service.code,
        name: service.name,
        description: service.description,
        group: service.group,
        keywords: [...service.keywords],
        caseType: CASE_TYPES[service.caseType],
        attributes: service.attributes.map((attribute) => ({
          code: attribute.code,
          datatype: OPEN311_DATATYPES[attribute.datatype],
          required: attribute.required,
          description: attribute.description,
          datatypeDescription: attribute.datatypeDescription ?? '',
          values: (attribute.values ?? []).map(({ key, name }) => ({ key, name })),
        })),
      })),
      serviceItems: intake.serviceItems.map((item) => ({
        code: item.code,
        materials: item.materials.map(({ code, names }) => ({ code, names: { ...names } })),
      })),
    },
    undefined,
    publishedAt,
  );
}
