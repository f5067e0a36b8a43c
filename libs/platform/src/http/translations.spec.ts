import { ANSWER_LANGUAGES, negotiateAnswerLanguage } from '@ugov/domain';
import { problemInOneLanguage, problemOf } from './problem';
import { addTranslations, isTranslatedEverywhere, translatedMessage, translatedTitle } from './translations';

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

describe('the fixed texts in five languages', () => {
  it('chooses lang first, then Accept-Language among the five, zh-Hans when nothing of ours is asked', () => {
    expect(negotiateAnswerLanguage('FR', 'ja')).toEqual({ language: 'fr', fallback: false });
    expect(negotiateAnswerLanguage(undefined, 'zh-TW,zh;q=0.8')).toEqual({ language: 'zh-Hant', fallback: false });
    expect(negotiateAnswerLanguage(undefined, 'de, ja;q=0.5, en;q=0.4')).toEqual({ language: 'ja', fallback: false });
    expect(negotiateAnswerLanguage(['en', 'fr'], undefined)).toEqual({ language: 'zh-Hans', fallback: false });
    expect(negotiateAnswerLanguage('de', 'de-DE')).toEqual({ language: 'zh-Hans', fallback: true });
  });

  it('has every title and every shared rule of the public routes in each language', () => {
    for (const status of [400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 429, 431, 500, 503])
      for (const language of ANSWER_LANGUAGES)
        expect([status, language, translatedTitle(status, 'English', language)]).not.toContain(undefined);
    for (const message of [
      'q must be at most 100 characters long',
      'department must be a code of lower-case letters, digits, dots and dashes, at most 64 characters',
      'id must be a UUID',
      'property foo should not exist',
      'lang must be one of zh-Hans, zh-Hant, en, fr, ja',
      'invalid field(s): q, page',
      'this address made more than 60 requests a minute to the public routes',
      'Cannot GET /v1/public/nothing',
      'internal error',
    ])
      expect([message, isTranslatedEverywhere(message)]).toEqual([message, true]);
    expect(translatedMessage('lang must be one of zh-Hans, en', 'ja')).toBe('lang は次のいずれかでなければなりません：zh-Hans, en');
  });

  it('tells a problem all in the language asked when every text of it is translated', () => {
    const problem = problemOf(400, 'invalid field(s): page', { errors: [{ field: 'page', reason: 'page must be a UUID' }] });
    expect(problemInOneLanguage(problem, 'fr')).toEqual({
      language: 'fr',
      problem: {
        ...problem,
        title: 'Requête incorrecte',
        detail: 'champ(s) incorrect(s) : page',
        errors: [{ field: 'page', reason: 'page doit être un UUID' }],
      },
    });
    const { problem: japanese } = problemInOneLanguage(problem, 'ja');
    expect(japanese.title).toBe('不正なリクエスト');
    expect(KANA.test(japanese.errors![0].reason)).toBe(true);
    expect(japanese.languageNotice).toBeUndefined();
  });

  it('falls back whole, by the chain, and says so in the language it falls back to, when one text has no translation', () => {
    // Intake's message has zh-Hans and English only.
    const problem = problemOf(401, 'send .json or .xml', { errors: [{ field: 'q', reason: 'q must be a UUID' }] });
    expect(problemInOneLanguage(problem, 'fr')).toEqual({
      language: 'en',
      problem: { ...problem, languageNotice: 'Part of this answer has no French translation, so all of it is given in English.' },
    });
    const traditional = problemInOneLanguage(problem, 'zh-Hant');
    expect(traditional.language).toBe('zh-Hans');
    expect(traditional.problem).toMatchObject({
      title: '未通过身份验证',
      detail: '请使用 .json 或 .xml',
      errors: [{ field: 'q', reason: 'q 必须是 UUID' }],
      languageNotice: '此回答有内容没有繁体中文译文，因此整个回答改用简体中文。',
    });
    // A message no resource has: English, which every message is written in, even for zh-Hans.
    expect(problemInOneLanguage(problemOf(400, 'something new went wrong'), 'zh-Hans').problem).toMatchObject({
      title: 'Bad request',
      detail: 'something new went wrong',
      languageNotice: 'Part of this answer has no Simplified Chinese translation, so all of it is given in English.',
    });
  });

  it('takes a service’s own texts, and more languages for a text already known', () => {
    addTranslations({ 'the spec {thing} is odd': { 'zh-Hans': '规格 {thing} 很奇怪', fr: 'la spécification {thing} est étrange' } });
    expect(translatedMessage('the spec x.1 is odd', 'fr')).toBe('la spécification x.1 est étrange');
    expect(translatedMessage('the spec x.1 is odd', 'ja')).toBeUndefined();
    expect(translatedMessage('send .json or .xml', 'zh-Hans')).toBe('请使用 .json 或 .xml');
  });
});
