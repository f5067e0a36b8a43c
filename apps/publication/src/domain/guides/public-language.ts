/**
 * The languages of the public API (catalog, guides): zh-Hans, the default, zh-Hant, en, fr and ja. One resource has
 * one translation per language, and an answer is in one language only, named in its Content-Language.
 */
export const PUBLIC_LANGUAGES = ['zh-Hans', 'zh-Hant', 'en', 'fr', 'ja'] as const;
export type PublicLanguage = (typeof PUBLIC_LANGUAGES)[number];
export const DEFAULT_PUBLIC_LANGUAGE: PublicLanguage = 'zh-Hans';

/** One of ours that a language tag asks for: zh-TW, zh-HK, zh-MO and zh-Hant-* are zh-Hant; other zh, `*` zh-Hans. */
function publicLanguageOfTag(tag: string): PublicLanguage | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === '*') return DEFAULT_PUBLIC_LANGUAGE;
  const [primary, ...rest] = lower.split('-');
  if (primary === 'zh') return rest.some((subtag) => ['hant', 'tw', 'hk', 'mo'].includes(subtag)) ? 'zh-Hant' : 'zh-Hans';
  return PUBLIC_LANGUAGES.find((language) => language === primary);
}

/** The exact language named by `lang` (any letter case), or undefined. */
export function publicLanguageOf(lang: string): PublicLanguage | undefined {
  return PUBLIC_LANGUAGES.find((language) => language.toLowerCase() === lang.trim().toLowerCase());
}

export interface NegotiatedLanguage {
  readonly language: PublicLanguage;
  /** True when the caller asked for languages and none of them is ours: the answer is in zh-Hans. */
  readonly fallback: boolean;
}

/**
 * The language of an answer: `lang` when given (already checked to be one of ours), else the caller's most preferred
 * one of ours by Accept-Language (RFC 9110 quality values; the first listed wins a tie); when none of them is ours, or
 * nothing is asked, zh-Hans.
 */
export function negotiatePublicLanguage(lang: PublicLanguage | undefined, acceptLanguage: string | undefined): NegotiatedLanguage {
  if (lang) return { language: lang, fallback: false };
  if (!acceptLanguage?.trim()) return { language: DEFAULT_PUBLIC_LANGUAGE, fallback: false };
  let best: { language: PublicLanguage; quality: number } | undefined;
  for (const range of acceptLanguage.split(',')) {
    const [tag, ...parameters] = range.split(';');
    const q = parameters.map((parameter) => parameter.trim().toLowerCase()).find((parameter) => parameter.startsWith('q='));
    const quality = q ? Number(q.slice(2)) : 1;
    if (!(quality > 0)) continue;
    const language = publicLanguageOfTag(tag);
    if (language && (!best || quality > best.quality)) best = { language, quality };
  }
  return best ? { language: best.language, fallback: false } : { language: DEFAULT_PUBLIC_LANGUAGE, fallback: true };
}
