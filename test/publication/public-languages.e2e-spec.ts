import { randomUUID } from 'node:crypto';
import { ANSWER_LANGUAGES, type AnswerLanguage } from '@ugov/domain';
import { addTranslations, translatedMessage, translatedTitle } from '@ugov/platform';
import { ServiceStack } from '@ugov/testing';
import shippedCatalog from '../../apps/publication/src/domain/guides/disclosure-catalog.json';
import shippedGuides from '../../apps/publication/src/domain/guides/service-guides.json';
import { ATTRIBUTE_NAMES, REASON_NAMES } from '../../apps/publication/src/domain/guides/disclosure-catalog';
import { PUBLIC_API_TEXTS } from '../../apps/publication/src/domain/public-api-texts';
import { call, KEYS } from '../u-loop/http';

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

type Names = Record<AnswerLanguage, string>;
const CATEGORY_NAMES = new Map<string, Names>(shippedCatalog.categories.map((category) => [category.code, category.names]));
const DEPARTMENT_NAMES = new Map<string, Names>(shippedGuides.departments.map((department) => [department.code, department.names]));
const TITLES = new Map<string, Names>([
  ...shippedCatalog.items.map((item) => [item.code, item.titles] as [string, Names]),
  ...shippedGuides.serviceGuides.map((guide) => [`service-guide-${guide.code}`, guide.names] as [string, Names]),
]);

/** How each language is asked for: `?lang=`, or Accept-Language as a browser sends it. */
const ASKED: Record<AnswerLanguage, { query: string; headers: Record<string, string> }> = {
  'zh-Hans': { query: '', headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } },
  'zh-Hant': { query: '', headers: { 'accept-language': 'zh-HK,en;q=0.5' } },
  en: { query: 'lang=en', headers: { 'accept-language': 'ja' } },
  fr: { query: '', headers: { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' } },
  ja: { query: 'lang=ja', headers: {} },
};

/** No text of another script: English and French have no Han or kana; Chinese no kana; Japanese some kana. */
function expectOnlyScriptsOf(language: AnswerLanguage, texts: readonly string[]): void {
  const all = texts.join('\n');
  if (language === 'en' || language === 'fr')
    expect([language, all.match(HAN)?.[0], all.match(KANA)?.[0]]).toEqual([language, undefined, undefined]);
  if (language === 'zh-Hans' || language === 'zh-Hant') expect([language, all.match(KANA)?.[0]]).toEqual([language, undefined]);
  if (language === 'ja') expect(KANA.test(all)).toBe(true);
}

/**
 * Each of the five languages asked for, the public API answers with that language's texts only: the catalog's names,
 * titles and labels, a problem's title, detail and every field's reason. A text with no translation sends the whole
 * answer to the next language of its chain, which says so. Publication runs as a process on the real database.
 */
describe('the public API in each of its five languages', () => {
  const stack = new ServiceStack({ services: ['publication'] });

  beforeAll(async () => {
    addTranslations(PUBLIC_API_TEXTS);
    await stack.start();
  });
  afterAll(() => stack.stop());

  const get = (path: string, headers: Record<string, string>) => call(stack, 'publication', 'GET', path, undefined, undefined, headers);
  const withQuery = (path: string, query: string) => (query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path);

  it.each(ANSWER_LANGUAGES)('gives the disclosure catalog in %s with that language’s texts only', async (language) => {
    const { query, headers } = ASKED[language];
    const response = await get(withQuery('/v1/public/disclosure-catalog', query), headers);
    expect(response.status).toBe(200);
    expect(response.headers['content-language']).toBe(language);
    expect(response.body).toMatchObject({ language, languageFallback: false });
    expect(response.body.languageNotice).toBeUndefined();
    const texts: string[] = [];
    for (const category of response.body.categories) {
      expect(category.name).toBe(CATEGORY_NAMES.get(category.code)![language]);
      texts.push(category.name);
    }
    expect(response.body.items.length).toBeGreaterThan(10);
    for (const item of response.body.items) {
      expect(item).toMatchObject({
        title: TITLES.get(item.code)![language],
        category: { name: CATEGORY_NAMES.get(item.category.code)![language] },
        department: { name: DEPARTMENT_NAMES.get(item.department.code)![language] },
        attributeName: ATTRIBUTE_NAMES[item.attribute as keyof typeof ATTRIBUTE_NAMES][language],
      });
      if (item.reason) expect(item.reasonName).toBe(REASON_NAMES[item.reason as keyof typeof REASON_NAMES][language]);
      texts.push(item.title, item.category.name, item.department.name, item.attributeName, item.reasonName ?? '');
    }
    expectOnlyScriptsOf(language, texts);
  });

  it.each(ANSWER_LANGUAGES)('names every bad field of a search in %s, title, detail and reasons alike', async (language) => {
    const { query, headers } = ASKED[language];
    const response = await get(
      withQuery(`/v1/public/search?q=${encodeURIComponent('噪音')}&page=0&domain=Urban&region=4301&from=2026-02-30`, query),
      headers,
    );
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.headers['content-language']).toBe(language);
    const english = [
      { field: 'page', reason: 'page must be at least 1' },
      { field: 'domain', reason: 'domain must be a domain, subdomain or category code of the catalog, such as urban or urban.02.04' },
      { field: 'region', reason: 'region must be a GB/T 2260 code of 6, 9 or 12 digits' },
      { field: 'from', reason: 'from must be a calendar date written YYYY-MM-DD, between 2000-01-01 and 2100-12-31 (the first day)' },
    ];
    expect(response.body.title).toBe(translatedTitle(400, 'Bad request', language));
    expect(response.body.errors).toHaveLength(english.length);
    expect(response.body.errors).toEqual(
      expect.arrayContaining(english.map(({ field, reason }) => ({ field, reason: translatedMessage(reason, language) }))),
    );
    const fields = response.body.errors.map((error: { field: string }) => error.field).join(', ');
    expect(response.body.detail).toBe(translatedMessage(`invalid field(s): ${fields}`, language));
    expect(response.body.languageNotice).toBeUndefined();
    expectOnlyScriptsOf(language, [
      response.body.title,
      response.body.detail,
      ...response.body.errors.map((error: { reason: string }) => error.reason),
    ]);

    const missing = await get(withQuery(`/v1/public/replies/${randomUUID()}`, query), headers);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-language']).toBe(language);
    expectOnlyScriptsOf(language, [missing.body.title, missing.body.detail]);
  });

  it('sends a whole answer to the next language of its chain when a text has no translation, and says so there', async () => {
    // A reviewer's route whose message is written in English only.
    const decide = (headers: Record<string, string>) =>
      call(
        stack,
        'publication',
        'POST',
        `/v1/reply-reviews/${randomUUID()}/decision`,
        KEYS.reviewer,
        {
          decision: 'approve',
          disclosure: 'proactive',
          visibility: 'public',
        },
        headers,
      );
    const french = await decide({ 'accept-language': 'fr' });
    expect(french.status).toBe(404);
    expect(french.headers['content-language']).toBe('en');
    expect(french.body).toMatchObject({
      title: 'Not found',
      detail: expect.stringMatching(/^reply review .+ does not exist$/),
      languageNotice: 'Part of this answer has no French translation, so all of it is given in English.',
    });
    const traditional = await decide({ 'accept-language': 'zh-TW' });
    expect(traditional.headers['content-language']).toBe('en');
    expect(traditional.body.languageNotice).toBe(
      'Part of this answer has no Traditional Chinese translation, so all of it is given in English.',
    );

    // No language of ours asked for: zh-Hans, and the answer says so in it.
    const german = await get('/v1/public/service-guides', { 'accept-language': 'de-DE, it;q=0.5' });
    expect(german.headers['content-language']).toBe('zh-Hans');
    expect(german.body).toMatchObject({
      language: 'zh-Hans',
      languageFallback: true,
      languageNotice: '所请求的语言均不可用，此回答使用简体中文。',
    });
  });
});
