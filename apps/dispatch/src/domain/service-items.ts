/**
 * Service items (政务服务事项) with the eight disclosures (八公开): what a citizen or enterprise applies for, the
 * department that handles it, and, in each of the five languages, the legal basis, conditions, materials, procedure,
 * time limit, fees, result and the channels for questions and complaints. Intake checks applications against the
 * item's materials (published with each catalog version, dispatch.catalog-published.v1), and publication serves the
 * items as service guides (办事指南) from a file derived from this catalog (scripts/catalog-derive).
 */
export const SERVICE_ITEM_LANGUAGES = ['zh-Hans', 'zh-Hant', 'en', 'fr', 'ja'] as const;
export type ServiceItemLanguage = (typeof SERVICE_ITEM_LANGUAGES)[number];
export type Translations = Readonly<Record<ServiceItemLanguage, string>>;

/** The eight disclosures in the order a guide shows them; `materials` is the list below, the rest are texts. */
export const DISCLOSURES = ['legalBasis', 'conditions', 'materials', 'procedure', 'timeLimit', 'fees', 'result', 'contact'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];
export type TextDisclosure = Exclude<Disclosure, 'materials'>;

/** One material the applicant hands in: every listed material is required. */
export interface ServiceItemMaterial {
  readonly code: string;
  readonly names: Translations;
}

export interface ServiceItem {
  /** 事项编码: letters, digits, dots and dashes (as intake accepts it in `serviceItemCode`). */
  readonly code: string;
  readonly names: Translations;
  /** The code of the department that handles it. */
  readonly department: string;
  readonly materials: readonly ServiceItemMaterial[];
  readonly disclosures: Readonly<Record<TextDisclosure, Translations>>;
}

export interface ServiceItemProblem {
  readonly path: string;
  readonly message: string;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;
const MATERIAL_CODE = /^[a-z0-9][a-z0-9.-]{0,63}$/;
/** As many materials as intake takes in one application. */
export const MAX_MATERIALS = 9;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

function translationProblems(path: string, value: unknown): ServiceItemProblem[] {
  if (!isRecord(value)) return [{ path, message: `must give a text in each of ${SERVICE_ITEM_LANGUAGES.join(', ')}` }];
  return SERVICE_ITEM_LANGUAGES.filter((language) => !isText(value[language])).map((language) => ({
    path: `${path}.${language}`,
    message: 'is missing',
  }));
}

/** The problems of a catalog's `serviceItems` list (optional); `isDepartment` says whether a code names a department. */
export function serviceItemProblems(raw: unknown, isDepartment: (code: string) => boolean): ServiceItemProblem[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return [{ path: 'serviceItems', message: 'must be a list' }];
  const problems: ServiceItemProblem[] = [];
  const seen = new Set<string>();
  raw.forEach((item: unknown, index) => {
    const path = `serviceItems[${index}]`;
    if (!isRecord(item)) return problems.push({ path, message: 'must be an object' });
    if (!isText(item.code) || !CODE.test(item.code))
      problems.push({ path: `${path}.code`, message: 'must be letters, digits, dots and dashes, at most 64' });
    else if (seen.has(item.code)) problems.push({ path: `${path}.code`, message: `${item.code} is listed twice` });
    else seen.add(item.code);
    problems.push(...translationProblems(`${path}.names`, item.names));
    if (!isText(item.department) || !isDepartment(item.department))
      problems.push({ path: `${path}.department`, message: `unknown department ${JSON.stringify(item.department)}` });
    if (!Array.isArray(item.materials) || item.materials.length === 0 || item.materials.length > MAX_MATERIALS)
      problems.push({ path: `${path}.materials`, message: `must list 1 to ${MAX_MATERIALS} materials` });
    else {
      const materialCodes = new Set<string>();
      item.materials.forEach((material: unknown, materialIndex) => {
        const at = `${path}.materials[${materialIndex}]`;
        if (!isRecord(material)) return problems.push({ path: at, message: 'must be an object' });
        if (!isText(material.code) || !MATERIAL_CODE.test(material.code))
          problems.push({ path: `${at}.code`, message: 'must be lower-case letters, digits, dots and dashes, at most 64' });
        else if (materialCodes.has(material.code)) problems.push({ path: `${at}.code`, message: `${material.code} is listed twice` });
        else materialCodes.add(material.code);
        problems.push(...translationProblems(`${at}.names`, material.names));
      });
    }
    if (!isRecord(item.disclosures)) problems.push({ path: `${path}.disclosures`, message: 'must give the eight disclosures' });
    else
      for (const disclosure of DISCLOSURES)
        if (disclosure !== 'materials')
          problems.push(...translationProblems(`${path}.disclosures.${disclosure}`, item.disclosures[disclosure]));
  });
  return problems;
}
