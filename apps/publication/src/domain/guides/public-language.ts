/**
 * The languages of the public API (catalog, guides, problems): zh-Hans, the default, zh-Hant, en, fr and ja. One
 * resource has one translation per language, and an answer is in one language only, named in its Content-Language.
 * How a caller chooses, and what happens to a text with no translation: libs/domain/src/answer-languages.ts.
 */
export {
  ANSWER_LANGUAGES as PUBLIC_LANGUAGES,
  DEFAULT_ANSWER_LANGUAGE as DEFAULT_PUBLIC_LANGUAGE,
  negotiateAnswerLanguage as negotiatePublicLanguage,
  type AnswerLanguage as PublicLanguage,
  type NegotiatedLanguage,
} from '@ugov/domain';
