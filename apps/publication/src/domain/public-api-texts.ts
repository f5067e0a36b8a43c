import type { PublicLanguage } from './guides/public-language';

type Translations = Readonly<Partial<Record<Exclude<PublicLanguage, 'en'>, string>>>;

/**
 * What publication's public routes say when a request is wrong, as written in English (where the message is made)
 * and in the four other languages; the shared rules' messages are in libs/platform/src/http/translations.ts.
 */
export const PUBLIC_API_TEXTS: Readonly<Record<string, Translations>> = {
  'q must hold at most 8 words, each with at least two characters of a word (letters or digits)': {
    'zh-Hans': 'q 最多 8 个词，每个词至少要有两个文字（字母或数字）',
    'zh-Hant': 'q 最多 8 個詞，每個詞至少要有兩個文字（字母或數字）',
    fr: 'q doit compter au plus 8 mots, chacun d’au moins deux caractères d’un mot (lettres ou chiffres)',
    ja: 'q は 8 語以内で、各語に少なくとも 2 文字（文字または数字）が必要です',
  },
  '{field} must be at most {max}': {
    'zh-Hans': '{field} 不得大于 {max}',
    'zh-Hant': '{field} 不得大於 {max}',
    fr: '{field} doit valoir au plus {max}',
    ja: '{field} は {max} 以下でなければなりません',
  },
  '{field} must be at least {min}': {
    'zh-Hans': '{field} 不得小于 {min}',
    'zh-Hant': '{field} 不得小於 {min}',
    fr: '{field} doit valoir au moins {min}',
    ja: '{field} は {min} 以上でなければなりません',
  },
  '{field} must be a whole number': {
    'zh-Hans': '{field} 必须是整数',
    'zh-Hant': '{field} 必須是整數',
    fr: '{field} doit être un nombre entier',
    ja: '{field} は整数でなければなりません',
  },
  'from must be a calendar date written YYYY-MM-DD, between 2000-01-01 and 2100-12-31 (the first day)': {
    'zh-Hans': 'from 必须是 2000-01-01 到 2100-12-31 之间、写作 YYYY-MM-DD 的日期（起始日）',
    'zh-Hant': 'from 必須是 2000-01-01 到 2100-12-31 之間、寫作 YYYY-MM-DD 的日期（起始日）',
    fr: 'from doit être une date écrite AAAA-MM-JJ, entre 2000-01-01 et 2100-12-31 (le premier jour)',
    ja: 'from は 2000-01-01 から 2100-12-31 までの YYYY-MM-DD 形式の日付でなければなりません（初日）',
  },
  'to must be a calendar date written YYYY-MM-DD, between 2000-01-01 and 2100-12-31 (the last day)': {
    'zh-Hans': 'to 必须是 2000-01-01 到 2100-12-31 之间、写作 YYYY-MM-DD 的日期（截止日）',
    'zh-Hant': 'to 必須是 2000-01-01 到 2100-12-31 之間、寫作 YYYY-MM-DD 的日期（截止日）',
    fr: 'to doit être une date écrite AAAA-MM-JJ, entre 2000-01-01 et 2100-12-31 (le dernier jour)',
    ja: 'to は 2000-01-01 から 2100-12-31 までの YYYY-MM-DD 形式の日付でなければなりません（最終日）',
  },
  'domain must be a domain, subdomain or category code of the catalog, such as urban or urban.02.04': {
    'zh-Hans': 'domain 必须是目录中的领域、子领域或分类代码，例如 urban 或 urban.02.04',
    'zh-Hant': 'domain 必須是目錄中的領域、子領域或分類代碼，例如 urban 或 urban.02.04',
    fr: 'domain doit être un code de domaine, de sous-domaine ou de catégorie du catalogue, comme urban ou urban.02.04',
    ja: 'domain はカタログの分野・小分野・分類のコード（例：urban、urban.02.04）でなければなりません',
  },
  'region must be a GB/T 2260 code of 6, 9 or 12 digits': {
    'zh-Hans': 'region 必须是 6 位、9 位或 12 位的 GB/T 2260 行政区划代码',
    'zh-Hant': 'region 必須是 6 位、9 位或 12 位的 GB/T 2260 行政區劃代碼',
    fr: 'region doit être un code GB/T 2260 de 6, 9 ou 12 chiffres',
    ja: 'region は 6 桁・9 桁・12 桁の GB/T 2260 コードでなければなりません',
  },
  'no published reply {id}': {
    'zh-Hans': '没有已公开的答复 {id}',
    'zh-Hant': '沒有已公開的答覆 {id}',
    fr: 'aucune réponse publiée {id}',
    ja: '公開された回答 {id} はありません',
  },
  'no published information {id}': {
    'zh-Hans': '没有已公开的政府信息 {id}',
    'zh-Hant': '沒有已公開的政府資訊 {id}',
    fr: 'aucune information publiée {id}',
    ja: '公開された政府情報 {id} はありません',
  },
};
