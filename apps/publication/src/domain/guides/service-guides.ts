import derived from './service-guides.json';
import type { PublicLanguage } from './public-language';

type Translations = Readonly<Record<PublicLanguage, string>>;

interface GuideSource {
  readonly code: string;
  readonly names: Translations;
  readonly department: { readonly code: string; readonly names: Translations };
  readonly materials: readonly { readonly code: string; readonly names: Translations }[];
  readonly disclosures: Readonly<Record<TextDisclosure, Translations>>;
}

/** The eight disclosures (八公开) in the order a guide shows them. */
export const DISCLOSURES = ['legalBasis', 'conditions', 'materials', 'procedure', 'timeLimit', 'fees', 'result', 'contact'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];
type TextDisclosure = Exclude<Disclosure, 'materials'>;

/** The headings of the disclosures: fixed texts of the API, in each language. */
const HEADINGS: Readonly<Record<Disclosure, Translations>> = {
  legalBasis: { 'zh-Hans': '设定依据', 'zh-Hant': '設定依據', en: 'Legal basis', fr: 'Fondement juridique', ja: '設定根拠' },
  conditions: { 'zh-Hans': '申请条件', 'zh-Hant': '申請條件', en: 'Conditions', fr: 'Conditions', ja: '申請条件' },
  materials: { 'zh-Hans': '申请材料', 'zh-Hant': '申請材料', en: 'Required materials', fr: 'Pièces à fournir', ja: '申請書類' },
  procedure: { 'zh-Hans': '办理流程', 'zh-Hant': '辦理流程', en: 'Procedure', fr: 'Procédure', ja: '手続きの流れ' },
  timeLimit: { 'zh-Hans': '办理时限', 'zh-Hant': '辦理時限', en: 'Time limit', fr: 'Délai', ja: '処理期限' },
  fees: { 'zh-Hans': '收费标准', 'zh-Hant': '收費標準', en: 'Fees', fr: 'Frais', ja: '手数料' },
  result: { 'zh-Hans': '办理结果', 'zh-Hant': '辦理結果', en: 'Result', fr: 'Résultat', ja: '処理結果' },
  contact: {
    'zh-Hans': '咨询与监督',
    'zh-Hant': '諮詢與監督',
    en: 'Questions and complaints',
    fr: 'Questions et réclamations',
    ja: '問い合わせ・監督',
  },
};

/**
 * The service guides (办事指南): the dispatch catalog's service items, from service-guides.json, a file derived from
 * apps/dispatch/catalog/demo-city.json by `npm run catalog:derive` (scripts/catalog-derive/derived-files.spec.ts fails
 * when they drift). A new catalog version reaches publication with the next build and deployment.
 */
const GUIDES: readonly GuideSource[] = derived.serviceGuides as readonly GuideSource[];
const GUIDES_BY_CODE: ReadonlyMap<string, GuideSource> = new Map(GUIDES.map((guide) => [guide.code, guide]));
const DEPARTMENTS: ReadonlyMap<string, Translations> = new Map(
  derived.departments.map((department) => [department.code, department.names]),
);

/** A department's name in a language, or undefined for a code the catalog does not have. */
export function departmentName(code: string, language: PublicLanguage): string | undefined {
  return DEPARTMENTS.get(code)?.[language];
}

export interface ServiceGuideSummary {
  readonly code: string;
  readonly name: string;
  readonly department: { readonly code: string; readonly name: string };
}

export interface ServiceGuide extends ServiceGuideSummary {
  readonly disclosures: readonly {
    readonly key: Disclosure;
    readonly heading: string;
    readonly text?: string;
    readonly materials?: readonly { readonly code: string; readonly name: string }[];
  }[];
}

const summaryOf = (guide: GuideSource, language: PublicLanguage): ServiceGuideSummary => ({
  code: guide.code,
  name: guide.names[language],
  department: { code: guide.department.code, name: guide.department.names[language] },
});

/** Every guide, in catalog order, in one language. */
export function serviceGuideSummaries(language: PublicLanguage): ServiceGuideSummary[] {
  return GUIDES.map((guide) => summaryOf(guide, language));
}

/** One guide with its eight disclosures, in one language; undefined for a code the catalog does not have. */
export function serviceGuide(code: string, language: PublicLanguage): ServiceGuide | undefined {
  const guide = GUIDES_BY_CODE.get(code);
  if (!guide) return undefined;
  return {
    ...summaryOf(guide, language),
    disclosures: DISCLOSURES.map((key) =>
      key === 'materials'
        ? {
            key,
            heading: HEADINGS[key][language],
            materials: guide.materials.map((material) => ({ code: material.code, name: material.names[language] })),
          }
        : { key, heading: HEADINGS[key][language], text: guide.disclosures[key][language] },
    ),
  };
}

/** The codes of the guides, in catalog order. */
export const SERVICE_GUIDE_CODES: readonly string[] = GUIDES.map((guide) => guide.code);

/** A guide's name in every language, for the disclosure catalog. */
export function serviceGuideNames(code: string): Translations | undefined {
  return GUIDES_BY_CODE.get(code)?.names;
}
export const serviceGuideDepartment = (code: string): string | undefined => GUIDES_BY_CODE.get(code)?.department.code;
