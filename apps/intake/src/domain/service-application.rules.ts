import derived from './service-items.json';

/** A material as intake knows it: its code and its names in the five languages. */
interface KnownMaterial {
  readonly code: string;
  readonly names: Readonly<Record<string, string>>;
}

/**
 * The dispatch catalog's service items and the materials each requires, from service-items.json: a file derived from
 * apps/dispatch/catalog/demo-city.json by `npm run catalog:derive` (scripts/catalog-derive/derived-files.spec.ts fails
 * when they drift), so that intake checks applications without reading dispatch's database.
 */
const SERVICE_ITEMS: ReadonlyMap<string, readonly KnownMaterial[]> = new Map(
  derived.serviceItems.map((item) => [item.code, item.materials as readonly KnownMaterial[]]),
);

export interface ServiceApplicationProblem {
  readonly field: string;
  readonly reason: string;
}

/** A material handed in under `name` is this one when the name is its code or one of its names, spaces aside. */
const isNamed = (material: KnownMaterial, name: string) =>
  material.code === name.trim() || Object.values(material.names).some((known) => known === name.trim());

/**
 * Why a service application (政务服务) cannot be accepted: an item the catalog does not have, a material it does not
 * require, or a required one missing (every material of an item is required). Named by field, in English (the
 * message catalog has their Chinese).
 */
export function serviceApplicationProblems(application: {
  readonly serviceItemCode: string;
  readonly materials: readonly { readonly name: string }[];
}): ServiceApplicationProblem[] {
  const code = application.serviceItemCode;
  const required = SERVICE_ITEMS.get(code);
  if (!required)
    return [{ field: 'serviceApplication.serviceItemCode', reason: `serviceItemCode ${code} is not a service item of the catalog` }];
  const problems: ServiceApplicationProblem[] = [];
  application.materials.forEach((material, index) => {
    if (!required.some((known) => isNamed(known, material.name)))
      problems.push({
        field: `serviceApplication.materials[${index}].name`,
        reason: `name ${material.name} is not a material of service item ${code}`,
      });
  });
  for (const known of required)
    if (!application.materials.some((material) => isNamed(known, material.name)))
      problems.push({
        field: 'serviceApplication.materials',
        reason: `materials lack ${known.names['zh-Hans']}, which service item ${code} requires`,
      });
  return problems;
}

/** The codes intake accepts, for tests and documentation. */
export const SERVICE_ITEM_CODES: readonly string[] = [...SERVICE_ITEMS.keys()];
