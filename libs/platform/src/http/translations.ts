import { FALLBACK_CHAIN, missingTranslationNotice, type AnswerLanguage } from '@ugov/domain';
import { CHINESE_TEMPLATES, CHINESE_TITLES, compiledTemplate, filledTemplate, type CompiledTemplate } from './messages';

/**
 * The fixed texts of the API in the five languages: one resource (a message as written in English, where `{name}`
 * stands for a part copied over as it is: a field path, a number, a list of codes) and one translation per language.
 * zh-Hans comes from the catalog in messages.ts; the rows here add zh-Hant, fr and ja (and zh-Hans where that catalog
 * has none); a service adds the texts of its own routes with addTranslations.
 */
export type Translations = Readonly<Partial<Record<Exclude<AnswerLanguage, 'en'>, string>>>;

const TITLES: Readonly<Record<number, Translations>> = {
  400: { 'zh-Hant': '請求有誤', fr: 'Requête incorrecte', ja: '不正なリクエスト' },
  401: { 'zh-Hant': '未通過身分驗證', fr: 'Authentification requise', ja: '認証されていません' },
  403: { 'zh-Hant': '無權執行此操作', fr: 'Opération non autorisée', ja: 'この操作は許可されていません' },
  404: { 'zh-Hant': '未找到', fr: 'Introuvable', ja: '見つかりません' },
  405: { 'zh-Hant': '不允許的方法', fr: 'Méthode non autorisée', ja: '許可されていないメソッド' },
  408: { 'zh-Hant': '請求逾時', fr: 'Délai de la requête dépassé', ja: 'リクエストのタイムアウト' },
  409: { 'zh-Hant': '與目前狀態衝突', fr: 'Conflit avec l’état actuel', ja: '現在の状態と競合しています' },
  413: { 'zh-Hant': '請求內容過大', fr: 'Corps de requête trop volumineux', ja: 'リクエスト本文が大きすぎます' },
  415: {
    'zh-Hant': '不支援的媒體類型或字元集',
    fr: 'Type de média ou jeu de caractères non pris en charge',
    ja: 'サポートされていないメディアタイプまたは文字セット',
  },
  422: { 'zh-Hant': '無法處理的請求', fr: 'Requête impossible à traiter', ja: '処理できないリクエスト' },
  429: { 'zh-Hant': '請求過於頻繁', fr: 'Trop de requêtes', ja: 'リクエストが多すぎます' },
  431: { 'zh-Hant': '請求標頭過大', fr: 'En-têtes de requête trop volumineux', ja: 'リクエストヘッダーが大きすぎます' },
  500: { 'zh-Hant': '服務內部錯誤', fr: 'Erreur interne du service', ja: 'サービス内部エラー' },
  503: { 'zh-Hant': '服務暫時無法使用', fr: 'Service momentanément indisponible', ja: 'サービスは一時的に利用できません' },
};

/** The shared rules' and the framework's messages that the public routes can give. */
const SHARED_MESSAGES: Readonly<Record<string, Translations>> = {
  '{field} is required': { 'zh-Hant': '{field} 為必填項', fr: '{field} est obligatoire', ja: '{field} は必須です' },
  '{field} must be a string': {
    'zh-Hant': '{field} 必須是字串',
    fr: '{field} doit être une chaîne de caractères',
    ja: '{field} は文字列でなければなりません',
  },
  '{field} must be at most {max} characters long': {
    'zh-Hant': '{field} 最多 {max} 個字元',
    fr: '{field} doit compter au plus {max} caractères',
    ja: '{field} は {max} 文字以内でなければなりません',
  },
  '{field} must be well-formed Unicode, but holds an unpaired surrogate {code}': {
    'zh-Hant': '{field} 必須是合法的 Unicode 文字，其中有不成對的代理項 {code}',
    fr: '{field} doit être de l’Unicode bien formé, or il contient un demi-codet isolé {code}',
    ja: '{field} は正しい Unicode でなければなりませんが、対になっていないサロゲート {code} を含んでいます',
  },
  '{field} must not contain the control character {code} (tabs and line breaks are fine)': {
    'zh-Hant': '{field} 不得包含控制字元 {code}（定位字元和換行可以）',
    fr: '{field} ne doit pas contenir le caractère de contrôle {code} (tabulations et sauts de ligne acceptés)',
    ja: '{field} に制御文字 {code} を含めることはできません（タブと改行は使えます）',
  },
  '{field} must not contain the control character {code} (it is a single line of text)': {
    'zh-Hant': '{field} 不得包含控制字元 {code}（此項為單行文字）',
    fr: '{field} ne doit pas contenir le caractère de contrôle {code} (c’est une seule ligne de texte)',
    ja: '{field} に制御文字 {code} を含めることはできません（1 行のテキストです）',
  },
  '{field} must not be empty or only whitespace': {
    'zh-Hant': '{field} 不能為空，也不能只有空白',
    fr: '{field} ne doit être ni vide ni composé uniquement d’espaces',
    ja: '{field} は空や空白のみにできません',
  },
  '{field} must be a code of lower-case letters, digits, dots and dashes, at most 64 characters': {
    'zh-Hant': '{field} 必須是由小寫字母、數字、點和連字號組成的代碼，最多 64 個字元',
    fr: '{field} doit être un code de lettres minuscules, chiffres, points et tirets, de 64 caractères au plus',
    ja: '{field} は小文字・数字・ピリオド・ハイフンからなる 64 文字以内のコードでなければなりません',
  },
  '{field} must be a UUID': {
    'zh-Hant': '{field} 必須是 UUID',
    fr: '{field} doit être un UUID',
    ja: '{field} は UUID でなければなりません',
  },
  'property {field} should not exist': {
    'zh-Hant': '不接受欄位 {field}',
    fr: 'le champ {field} n’est pas accepté',
    ja: 'フィールド {field} は受け付けられません',
  },
  '{field} must be one of the following values: {values}': {
    'zh-Hant': '{field} 必須是以下值之一：{values}',
    fr: '{field} doit prendre l’une de ces valeurs : {values}',
    ja: '{field} は次のいずれかでなければなりません：{values}',
  },
  '{field} must be one of {values}': {
    'zh-Hant': '{field} 必須是以下值之一：{values}',
    fr: '{field} doit prendre l’une de ces valeurs : {values}',
    ja: '{field} は次のいずれかでなければなりません：{values}',
  },
  'invalid field(s): {fields}': {
    'zh-Hant': '以下欄位有誤：{fields}',
    fr: 'champ(s) incorrect(s) : {fields}',
    ja: '次の項目に誤りがあります：{fields}',
  },
  'service guide {code} not found': {
    'zh-Hant': '未找到辦事指南 {code}',
    fr: 'guide de démarche {code} introuvable',
    ja: '手続きガイド {code} は見つかりません',
  },
  'this address made more than {count} requests a minute to the public routes': {
    'zh-Hans': '此地址每分钟对公开接口的请求超过 {count} 次',
    'zh-Hant': '此位址每分鐘對公開介面的請求超過 {count} 次',
    fr: 'cette adresse a fait plus de {count} requêtes par minute aux routes publiques',
    ja: 'このアドレスから公開ルートへのリクエストが毎分 {count} 回を超えました',
  },
  'Cannot {method} {path}': {
    'zh-Hans': '没有 {method} {path} 这个接口',
    'zh-Hant': '沒有 {method} {path} 這個介面',
    fr: 'aucune route {method} {path}',
    ja: '{method} {path} というルートはありません',
  },
  // Fastify's, for a body of a media type no parser takes (before any route of ours runs).
  'Unsupported Media Type': {
    'zh-Hans': '不支持的媒体类型',
    'zh-Hant': '不支援的媒體類型',
    fr: 'type de média non pris en charge',
    ja: 'サポートされていないメディアタイプです',
  },
  'Unsupported Media Type: {type}': {
    'zh-Hans': '不支持的媒体类型：{type}',
    'zh-Hant': '不支援的媒體類型：{type}',
    fr: 'type de média non pris en charge : {type}',
    ja: 'サポートされていないメディアタイプです：{type}',
  },
  'the service is shutting down; retry shortly': {
    'zh-Hant': '服務正在停止，請稍後重試',
    fr: 'le service s’arrête ; réessayez dans un instant',
    ja: 'サービスを停止しています。しばらくしてから再試行してください',
  },
  'the service is overloaded; retry shortly': {
    'zh-Hant': '服務繁忙，請稍後重試',
    fr: 'le service est surchargé ; réessayez dans un instant',
    ja: 'サービスが混み合っています。しばらくしてから再試行してください',
  },
  'the service cannot reach its database right now; retry shortly': {
    'zh-Hant': '服務暫時無法連線資料庫，請稍後重試',
    fr: 'le service ne joint pas sa base de données pour l’instant ; réessayez dans un instant',
    ja: 'サービスは現在データベースに接続できません。しばらくしてから再試行してください',
  },
  'internal error': { 'zh-Hant': '內部錯誤', fr: 'erreur interne', ja: '内部エラー' },
};

interface Entry extends CompiledTemplate {
  readonly translations: Translations;
}

/** Every resource, the catalog's order first (the most specific template before a general one), then the rest. */
const rows = new Map<string, Translations>(CHINESE_TEMPLATES.map(([english, chinese]) => [english, { 'zh-Hans': chinese }]));
let entries: Entry[] = [];

/** Adds rows (a service's own texts; more languages for a text already known), and compiles the whole once more. */
export function addTranslations(added: Readonly<Record<string, Translations>>): void {
  for (const [english, translations] of Object.entries(added)) rows.set(english, { ...rows.get(english), ...translations });
  entries = [...rows].map(([english, translations]) => ({ ...compiledTemplate(english), translations }));
}
addTranslations(SHARED_MESSAGES);

/** `message` in `language`, or undefined when no resource matches it or the one that does has no such translation. */
export function translatedMessage(message: string, language: AnswerLanguage): string | undefined {
  if (language === 'en') return message;
  const entry = entries.find((candidate) => candidate.pattern.test(message));
  const template = entry?.translations[language];
  if (!entry || template === undefined) return undefined;
  return filledTemplate(template, entry, entry.pattern.exec(message)!);
}

/** The title of a problem with `status` in `language` (the English one as given), or undefined without a translation. */
export function translatedTitle(status: number, englishTitle: string, language: AnswerLanguage): string | undefined {
  if (language === 'en') return englishTitle;
  return language === 'zh-Hans' ? CHINESE_TITLES[status] : TITLES[status]?.[language];
}

/** Whether `message` has a translation into every language (for specs: every text a public route can give must). */
export function isTranslatedEverywhere(message: string): boolean {
  return (['zh-Hans', 'zh-Hant', 'fr', 'ja'] as const).every((language) => translatedMessage(message, language) !== undefined);
}

/**
 * The texts in the first language of the chain of `asked` into which every one of them is translated (English at the
 * latest), all in that one language; `notice` says so in it when it is not the language asked for.
 */
export function textsInOneLanguage<T>(
  asked: AnswerLanguage,
  translate: (language: AnswerLanguage) => T | undefined,
): { language: AnswerLanguage; texts: T; notice?: string } {
  for (const language of FALLBACK_CHAIN[asked]) {
    const texts = translate(language);
    if (texts === undefined) continue;
    return language === asked ? { language, texts } : { language, texts, notice: missingTranslationNotice(asked, language) };
  }
  throw new Error(`no language of the chain of ${asked} has every text, not even English`);
}
