import { catalogInForce, type IntakeCatalog, type KnownMaterial } from './intake-catalog';

export interface ServiceApplicationProblem {
  readonly field: string;
  readonly reason: string;
}

/** A material handed in under `name` is this one when the name is its code or one of its names, spaces aside. */
const isNamed = (material: KnownMaterial, name: string) =>
  material.code === name.trim() || Object.values(material.names).some((known) => known === name.trim());

/**
 * Why a service application (政务服务) cannot be accepted under a catalog version (the one in force now unless said):
 * an item the catalog does not have, a material it does not require, or a required one missing (every material of an
 * item is required). Named by field, in English (the message catalog has their Chinese).
 */
export function serviceApplicationProblems(
  application: {
    readonly serviceItemCode: string;
    readonly materials: readonly { readonly name: string }[];
  },
  catalog: IntakeCatalog = catalogInForce(),
): ServiceApplicationProblem[] {
  const code = application.serviceItemCode;
  const required = catalog.serviceItems.find((item) => item.code === code)?.materials;
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

/** The codes intake accepts under a catalog version (the one in force now unless said), for tests and documentation. */
export const serviceItemCodes = (catalog: IntakeCatalog = catalogInForce()): readonly string[] =>
  catalog.serviceItems.map((item) => item.code);
