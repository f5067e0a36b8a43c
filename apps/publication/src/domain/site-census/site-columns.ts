import type { PublicLanguage } from '../guides/public-language';

/** A span of calendar time (a column's update limit, how long a message may wait). */
export interface Span {
  readonly amount: number;
  readonly unit: 'days' | 'months';
}

/** A column (栏目) of the government site where departments publish information, and how often it must be updated. */
export interface SiteColumn {
  readonly code: string;
  readonly names: Readonly<Record<PublicLanguage, string>>;
  /** Flagged by the census (普查) when nothing was published in it for this long; every column is flagged when empty. */
  readonly updateWithin: Span;
}

/**
 * The demonstration city's columns, with the census rules of the State Council's website inspection (政府网站普查):
 * news and work updates within 2 weeks, notices and policy within 6 months.
 */
export const SITE_COLUMNS: readonly SiteColumn[] = [
  {
    code: 'news',
    names: { 'zh-Hans': '新闻动态', 'zh-Hant': '新聞動態', en: 'News', fr: 'Actualités', ja: 'ニュース' },
    updateWithin: { amount: 14, unit: 'days' },
  },
  {
    code: 'work-updates',
    names: { 'zh-Hans': '工作动态', 'zh-Hant': '工作動態', en: 'Work updates', fr: 'Activités', ja: '業務動向' },
    updateWithin: { amount: 14, unit: 'days' },
  },
  {
    code: 'notices',
    names: { 'zh-Hans': '通知公告', 'zh-Hant': '通知公告', en: 'Notices', fr: 'Avis et annonces', ja: 'お知らせ' },
    updateWithin: { amount: 6, unit: 'months' },
  },
  {
    code: 'policy',
    names: { 'zh-Hans': '政策文件', 'zh-Hant': '政策文件', en: 'Policy documents', fr: 'Textes d’orientation', ja: '政策文書' },
    updateWithin: { amount: 6, unit: 'months' },
  },
  {
    code: 'interpretation',
    names: { 'zh-Hans': '政策解读', 'zh-Hant': '政策解讀', en: 'Policy explained', fr: 'Politiques expliquées', ja: '政策解説' },
    updateWithin: { amount: 6, unit: 'months' },
  },
];

export const SITE_COLUMN_CODES: readonly string[] = SITE_COLUMNS.map((column) => column.code);

/** The channels through which the public leaves messages on the site (网上留言), which the census watches. */
export const PUBLIC_MESSAGE_CHANNELS: readonly string[] = ['web-portal', 'mobile-app', 'wechat', 'open311'];

/** A message left by the public (网上留言) is flagged when it has had no answer for this long. */
export const ANSWER_MESSAGES_WITHIN: Span = { amount: 3, unit: 'months' };

/** `span` before `instant`, in calendar terms (a month back from 31 March is 3 March, as Date counts). */
export function before(instant: Date, span: Span): Date {
  const earlier = new Date(instant);
  if (span.unit === 'days') earlier.setUTCDate(earlier.getUTCDate() - span.amount);
  else earlier.setUTCMonth(earlier.getUTCMonth() - span.amount);
  return earlier;
}

/** What was published in a column up to the census. */
export interface ColumnActivity {
  readonly code: string;
  readonly items: number;
  readonly lastPublishedAt: Date | null;
}

export type ColumnFinding = 'ok' | 'not-updated' | 'empty';

export interface ColumnCensus {
  readonly column: SiteColumn;
  readonly items: number;
  readonly lastPublishedAt: Date | null;
  /** The latest a publication could be and still count as updated. */
  readonly updatedSince: Date;
  readonly finding: ColumnFinding;
}

/** The census (普查) of every column as of `asOf`: empty, not updated within its limit, or fine. */
export function columnCensusOf(columns: readonly SiteColumn[], activity: readonly ColumnActivity[], asOf: Date): ColumnCensus[] {
  const byCode = new Map(activity.map((entry) => [entry.code, entry]));
  return columns.map((column) => {
    const { items = 0, lastPublishedAt = null } = byCode.get(column.code) ?? {};
    const updatedSince = before(asOf, column.updateWithin);
    const finding: ColumnFinding = items === 0 ? 'empty' : lastPublishedAt! < updatedSince ? 'not-updated' : 'ok';
    return { column, items, lastPublishedAt, updatedSince, finding };
  });
}
