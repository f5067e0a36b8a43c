import type { CaseTypeName } from '@ugov/contracts';
import type { CatalogDocument } from './catalog';
import type { Open311Attribute } from './open311-services';
import type { ServiceItemMaterial } from './service-items';

/** An Open311 service as intake serves it (`services`, `services/{code}`), every optional part filled in. */
export interface IntakeOpen311Service {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly group: string;
  readonly keywords: readonly string[];
  readonly caseType: CaseTypeName;
  readonly attributes: readonly Open311Attribute[];
}

/** A service item as intake checks an application against it: its code and the materials it requires. */
export interface IntakeServiceItem {
  readonly code: string;
  readonly materials: readonly ServiceItemMaterial[];
}

/** The part of a catalog intake needs, published with each version (dispatch.catalog-published.v1). */
export interface IntakeCatalogPart {
  readonly open311Services: readonly IntakeOpen311Service[];
  readonly serviceItems: readonly IntakeServiceItem[];
}

/** What intake needs of a (checked) catalog document: its Open311 services in catalog order and its service items. */
export function intakeCatalogOf(document: CatalogDocument): IntakeCatalogPart {
  return {
    open311Services: document.categories.flatMap(({ open311 }) =>
      open311
        ? [
            {
              code: open311.code,
              name: open311.name,
              description: open311.description ?? `${open311.group}：${open311.name}`,
              group: open311.group,
              keywords: open311.keywords ?? [],
              caseType: open311.type,
              attributes: (open311.attributes ?? []).map((attribute) => ({
                code: attribute.code,
                datatype: attribute.datatype,
                required: attribute.required,
                description: attribute.description,
                ...(attribute.datatypeDescription !== undefined ? { datatypeDescription: attribute.datatypeDescription } : {}),
                ...(attribute.values ? { values: attribute.values.map(({ key, name }) => ({ key, name })) } : {}),
              })),
            },
          ]
        : [],
    ),
    serviceItems: (document.serviceItems ?? []).map((item) => ({
      code: item.code,
      materials: item.materials.map(({ code, names }) => ({ code, names })),
    })),
  };
}
