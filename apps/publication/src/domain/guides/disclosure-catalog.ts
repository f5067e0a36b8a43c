import { chinaDateOf } from '@ugov/calendar';
import shipped from './disclosure-catalog.json';
import type { PublicLanguage } from './public-language';
import { departmentName, SERVICE_GUIDE_CODES, serviceGuideDepartment, serviceGuideNames } from './service-guides';

type Translations = Readonly<Record<PublicLanguage, string>>;

/** 主动公开, 依申请公开, 不予公开. */
export const DISCLOSURE_ATTRIBUTES = ['proactive', 'on-request', 'withheld'] as const;
export type DisclosureAttribute = (typeof DISCLOSURE_ATTRIBUTES)[number];
/** Why information is not disclosed: 国家秘密, 商业秘密, 个人隐私, 内部过程信息. */
export const WITHHOLDING_REASONS = ['state-secret', 'commercial-secret', 'personal-privacy', 'internal-process'] as const;
export type WithholdingReason = (typeof WITHHOLDING_REASONS)[number];

/** The labels of the attributes and the reasons, in each language. */
export const ATTRIBUTE_NAMES: Readonly<Record<DisclosureAttribute, Translations>> = {
  proactive: { 'zh-Hans': '主动公开', 'zh-Hant': '主動公開', en: 'Proactively disclosed', fr: 'Publié d’office', ja: '自主公開' },
  'on-request': {
    'zh-Hans': '依申请公开',
    'zh-Hant': '依申請公開',
    en: 'Disclosed on request',
    fr: 'Communiqué sur demande',
    ja: '申請による公開',
  },
  withheld: { 'zh-Hans': '不予公开', 'zh-Hant': '不予公開', en: 'Not disclosed', fr: 'Non communiqué', ja: '不公開' },
};
export const REASON_NAMES: Readonly<Record<WithholdingReason, Translations>> = {
  'state-secret': { 'zh-Hans': '国家秘密', 'zh-Hant': '國家秘密', en: 'State secret', fr: 'Secret d’État', ja: '国家秘密' },
  'commercial-secret': { 'zh-Hans': '商业秘密', 'zh-Hant': '商業秘密', en: 'Commercial secret', fr: 'Secret des affaires', ja: '営業秘密' },
  'personal-privacy': { 'zh-Hans': '个人隐私', 'zh-Hant': '個人隱私', en: 'Personal privacy', fr: 'Vie privée', ja: '個人のプライバシー' },
  'internal-process': {
    'zh-Hans': '内部过程信息',
    'zh-Hant': '內部過程信息',
    en: 'Internal process information',
    fr: 'Information interne de procédure',
    ja: '内部過程情報',
  },
};

interface CatalogItem {
  readonly code: string;
  readonly category: string;
  readonly department: string;
  readonly attribute: DisclosureAttribute;
  readonly reason?: WithholdingReason;
  readonly titles: Translations;
  readonly serviceGuide?: string;
}

/**
 * The information-disclosure catalog (政府信息公开目录): the items of disclosure-catalog.json (written for the
 * demonstration city), then one 主动公开 item per service guide (办事指南).
 */
export const DISCLOSURE_CATEGORIES: readonly { readonly code: string; readonly names: Translations }[] = shipped.categories;
const ITEMS: readonly CatalogItem[] = [
  ...(shipped.items as readonly CatalogItem[]),
  ...SERVICE_GUIDE_CODES.map((code) => ({
    code: `service-guide-${code}`,
    category: 'service-guides',
    department: serviceGuideDepartment(code)!,
    attribute: 'proactive' as const,
    titles: serviceGuideNames(code)!,
    serviceGuide: code,
  })),
];

/** What is wrong with the catalog: unknown categories, departments or reasons, a reason where none belongs, a duplicate. */
export function disclosureCatalogProblems(items: readonly CatalogItem[] = ITEMS): string[] {
  const categories = new Set(DISCLOSURE_CATEGORIES.map((category) => category.code));
  const seen = new Set<string>();
  return items.flatMap((item) => {
    const problems: string[] = [];
    if (seen.has(item.code)) problems.push(`${item.code}: listed twice`);
    seen.add(item.code);
    if (!categories.has(item.category)) problems.push(`${item.code}: unknown category ${item.category}`);
    if (departmentName(item.department, 'zh-Hans') === undefined) problems.push(`${item.code}: unknown department ${item.department}`);
    if (!DISCLOSURE_ATTRIBUTES.includes(item.attribute)) problems.push(`${item.code}: unknown attribute ${item.attribute}`);
    if ((item.attribute === 'withheld') !== (item.reason !== undefined))
      problems.push(`${item.code}: a reason is given exactly when the item is withheld`);
    if (item.reason !== undefined && !WITHHOLDING_REASONS.includes(item.reason))
      problems.push(`${item.code}: unknown reason ${item.reason}`);
    return problems;
  });
}

export interface DisclosureCatalogEntry {
  readonly code: string;
  readonly title: string;
  readonly category: { readonly code: string; readonly name: string };
  readonly department: { readonly code: string; readonly name: string };
  readonly attribute: DisclosureAttribute;
  readonly attributeName: string;
  readonly reason?: WithholdingReason;
  readonly reasonName?: string;
  /** Where its guide is read, for a service guide. */
  readonly serviceGuide?: string;
  /** Where the reply is read, for a published reply. */
  readonly publishedReply?: string;
  readonly publishedAt?: Date;
}

export interface DisclosureCatalogFilter {
  readonly category?: string;
  readonly attribute?: DisclosureAttribute;
  readonly department?: string;
}

/** The category of the published replies (主动公开, each under its department), which the database holds, not the file. */
export const REPLIES_CATEGORY = 'replies';

export const REPLY_TITLES: Translations = {
  'zh-Hans': '对群众诉求的答复（{day}）',
  'zh-Hant': '對群眾訴求的答覆（{day}）',
  en: 'Reply to a request from the public ({day})',
  fr: 'Réponse à une demande du public ({day})',
  ja: '市民の要望への回答（{day}）',
};

/** A department's name, or its code where the catalog has no name for it (a code is the same in every language). */
const departmentOf = (code: string, language: PublicLanguage) => ({ code, name: departmentName(code, language) ?? code });

/** Whether published replies belong in the catalog so filtered: they are 主动公开 items of the replies category. */
export function catalogListsReplies(filter: DisclosureCatalogFilter): boolean {
  return (!filter.category || filter.category === REPLIES_CATEGORY) && (!filter.attribute || filter.attribute === 'proactive');
}

/** A published reply as an item of the catalog: proactively disclosed, under the department that replied. */
export function replyCatalogEntry(
  reply: { readonly id: string; readonly departmentCode: string; readonly publishedAt: Date },
  language: PublicLanguage,
): DisclosureCatalogEntry {
  const category = DISCLOSURE_CATEGORIES.find((known) => known.code === REPLIES_CATEGORY)!;
  return {
    code: `reply-${reply.id}`,
    title: REPLY_TITLES[language].replace('{day}', chinaDateOf(reply.publishedAt)),
    category: { code: REPLIES_CATEGORY, name: category.names[language] },
    department: departmentOf(reply.departmentCode, language),
    attribute: 'proactive',
    attributeName: ATTRIBUTE_NAMES.proactive[language],
    publishedReply: `/v1/public/replies/${reply.id}`,
    publishedAt: reply.publishedAt,
  };
}

/** The catalog's items from the file (not the published replies), in one language, as filtered. */
export function disclosureCatalog(
  language: PublicLanguage,
  filter: DisclosureCatalogFilter = {},
): { categories: { code: string; name: string }[]; items: DisclosureCatalogEntry[] } {
  const categoryNames = new Map(DISCLOSURE_CATEGORIES.map((category) => [category.code, category.names[language]]));
  return {
    categories: DISCLOSURE_CATEGORIES.map((category) => ({ code: category.code, name: category.names[language] })),
    items: ITEMS.filter(
      (item) =>
        (!filter.category || item.category === filter.category) &&
        (!filter.attribute || item.attribute === filter.attribute) &&
        (!filter.department || item.department === filter.department),
    ).map((item) => ({
      code: item.code,
      title: item.titles[language],
      category: { code: item.category, name: categoryNames.get(item.category)! },
      department: departmentOf(item.department, language),
      attribute: item.attribute,
      attributeName: ATTRIBUTE_NAMES[item.attribute][language],
      ...(item.reason ? { reason: item.reason, reasonName: REASON_NAMES[item.reason][language] } : {}),
      ...(item.serviceGuide ? { serviceGuide: `/v1/public/service-guides/${item.serviceGuide}` } : {}),
    })),
  };
}

export const DISCLOSURE_CATEGORY_CODES: readonly string[] = DISCLOSURE_CATEGORIES.map((category) => category.code);
