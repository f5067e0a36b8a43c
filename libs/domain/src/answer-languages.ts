/**
 * The five languages an answer can be in, how a caller chooses one, and the rule for a text with no translation.
 *
 * - Choosing: `?lang=` (one of the five, any letter case) wins; else Accept-Language (RFC 9110 quality values; zh-TW,
 *   zh-HK, zh-MO and zh-Hant-* are zh-Hant, any other zh is zh-Hans, `*` is zh-Hans; the first listed wins a tie); when
 *   neither names one of ours, zh-Hans, the platform's own language.
 * - Falling back: an answer is in one language only. When one of its fixed texts has no translation into the language
 *   chosen, the whole answer goes to the next language of FALLBACK_CHAIN that has all of them (zh-Hant → zh-Hans → en;
 *   fr → en; ja → en; zh-Hans → en), and says so in that language. English is the language every text is written
 *   in first, so the chain always ends.
 */
export const ANSWER_LANGUAGES = ['zh-Hans', 'zh-Hant', 'en', 'fr', 'ja'] as const;
export type AnswerLanguage = (typeof ANSWER_LANGUAGES)[number];
export const DEFAULT_ANSWER_LANGUAGE: AnswerLanguage = 'zh-Hans';

export const FALLBACK_CHAIN: Readonly<Record<AnswerLanguage, readonly AnswerLanguage[]>> = {
  'zh-Hans': ['zh-Hans', 'en'],
  'zh-Hant': ['zh-Hant', 'zh-Hans', 'en'],
  en: ['en'],
  fr: ['fr', 'en'],
  ja: ['ja', 'en'],
};

/** The exact language named by `lang` (any letter case), or undefined. */
export function answerLanguageNamed(lang: unknown): AnswerLanguage | undefined {
  if (typeof lang !== 'string') return undefined;
  return ANSWER_LANGUAGES.find((language) => language.toLowerCase() === lang.trim().toLowerCase());
}

/** One of ours that a language tag asks for: zh-TW, zh-HK, zh-MO and zh-Hant-* are zh-Hant; other zh, `*` zh-Hans. */
function answerLanguageOfTag(tag: string): AnswerLanguage | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === '*') return DEFAULT_ANSWER_LANGUAGE;
  const [primary, ...rest] = lower.split('-');
  if (primary === 'zh') return rest.some((subtag) => ['hant', 'tw', 'hk', 'mo'].includes(subtag)) ? 'zh-Hant' : 'zh-Hans';
  return ANSWER_LANGUAGES.find((language) => language === primary);
}

export interface NegotiatedLanguage {
  readonly language: AnswerLanguage;
  /** True when the caller asked for languages and none of them is ours: the answer is in zh-Hans. */
  readonly fallback: boolean;
}

/** The language of an answer: `lang` when it is one of ours, else the caller's most preferred one of ours by Accept-Language. */
export function negotiateAnswerLanguage(lang: unknown, acceptLanguage: string | undefined): NegotiatedLanguage {
  const named = answerLanguageNamed(lang);
  if (named) return { language: named, fallback: false };
  if (!acceptLanguage?.trim()) return { language: DEFAULT_ANSWER_LANGUAGE, fallback: false };
  let best: { language: AnswerLanguage; quality: number } | undefined;
  for (const range of acceptLanguage.split(',')) {
    const [tag, ...parameters] = range.split(';');
    const q = parameters.map((parameter) => parameter.trim().toLowerCase()).find((parameter) => parameter.startsWith('q='));
    const quality = q ? Number(q.slice(2)) : 1;
    if (!(quality > 0)) continue;
    const language = answerLanguageOfTag(tag);
    if (language && (!best || quality > best.quality)) best = { language, quality };
  }
  return best ? { language: best.language, fallback: false } : { language: DEFAULT_ANSWER_LANGUAGE, fallback: true };
}

/** Each language's name, as each language writes it: LANGUAGE_NAMES[in][of]. */
const LANGUAGE_NAMES: Readonly<Record<AnswerLanguage, Readonly<Record<AnswerLanguage, string>>>> = {
  'zh-Hans': { 'zh-Hans': '简体中文', 'zh-Hant': '繁体中文', en: '英语', fr: '法语', ja: '日语' },
  'zh-Hant': { 'zh-Hans': '簡體中文', 'zh-Hant': '繁體中文', en: '英語', fr: '法語', ja: '日語' },
  en: { 'zh-Hans': 'Simplified Chinese', 'zh-Hant': 'Traditional Chinese', en: 'English', fr: 'French', ja: 'Japanese' },
  fr: { 'zh-Hans': 'chinois simplifié', 'zh-Hant': 'chinois traditionnel', en: 'anglais', fr: 'français', ja: 'japonais' },
  ja: { 'zh-Hans': '簡体字中国語', 'zh-Hant': '繁体字中国語', en: '英語', fr: 'フランス語', ja: '日本語' },
};

const MISSING_TRANSLATION_NOTICES: Readonly<Record<AnswerLanguage, string>> = {
  'zh-Hans': '此回答有内容没有{asked}译文，因此整个回答改用{used}。',
  'zh-Hant': '此回答有內容沒有{asked}譯文，因此整個回答改用{used}。',
  en: 'Part of this answer has no {asked} translation, so all of it is given in {used}.',
  fr: 'Une partie de cette réponse n’est pas traduite en {asked} : elle est donc donnée entièrement en {used}.',
  ja: 'この回答の一部に{asked}の訳がないため、回答全体を{used}で示します。',
};

const NO_LANGUAGE_OF_OURS_NOTICES: Readonly<Record<AnswerLanguage, string>> = {
  'zh-Hans': '所请求的语言均不可用，此回答使用{used}。',
  'zh-Hant': '所請求的語言均不可用，此回答使用{used}。',
  en: 'None of the languages asked for is available: this answer is in {used}.',
  fr: 'Aucune des langues demandées n’est disponible : cette réponse est en {used}.',
  ja: '要求された言語はいずれも利用できないため、この回答は{used}で示します。',
};

/** What an answer says, in its own language `used`, when it is not in the language `asked` for (the translation is missing). */
export function missingTranslationNotice(asked: AnswerLanguage, used: AnswerLanguage): string {
  return MISSING_TRANSLATION_NOTICES[used].replace('{asked}', LANGUAGE_NAMES[used][asked]).replace('{used}', LANGUAGE_NAMES[used][used]);
}

/** What an answer says, in `used`, when the caller named only languages that are not ours. */
export function noLanguageOfOursNotice(used: AnswerLanguage): string {
  return NO_LANGUAGE_OF_OURS_NOTICES[used].replace('{used}', LANGUAGE_NAMES[used][used]);
}
