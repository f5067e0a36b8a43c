import { ServiceStack } from '@ugov/testing';
import { call } from '../u-loop/http';

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The public catalog, without credentials: service guides (办事指南) with the eight disclosures (八公开) and the
 * information-disclosure catalog (政府信息公开目录), each answer in one language, named in Content-Language.
 */
describe('service guides and the disclosure catalog, in five languages', () => {
  const stack = new ServiceStack({ services: ['publication'] });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  const get = (path: string, headers: Record<string, string> = {}) =>
    call(stack, 'publication', 'GET', path, undefined, undefined, headers);

  it('lists the guides in zh-Hans by default, with their departments', async () => {
    const response = await get('/v1/public/service-guides');
    expect(response.status).toBe(200);
    expect(response.headers['content-language']).toBe('zh-Hans');
    expect(response.body.language).toBe('zh-Hans');
    expect(response.body.guides.length).toBeGreaterThanOrEqual(10);
    expect(response.body.guides).toContainEqual({
      code: '430100-000201-xk',
      name: '企业设立登记（营业执照核发）',
      department: { code: 'city-market', name: 'A市市场监督管理局' },
    });
  });

  it.each([
    ['zh-Hant', { 'accept-language': 'zh-TW,zh;q=0.8' }, '', '企業設立登記（營業執照核發）'],
    ['en', { 'accept-language': 'en-GB,en;q=0.9' }, '', 'Company registration (business licence)'],
    ['fr', {}, '?lang=fr', 'Immatriculation d’une entreprise (licence commerciale)'],
    ['ja', { 'accept-language': 'en' }, '?lang=ja', '企業設立登記（営業許可証の交付）'],
  ])('gives one guide in %s, all eight disclosures in that language only', async (language, headers, query, name) => {
    const response = await get(`/v1/public/service-guides/430100-000201-xk${query}`, headers);
    expect(response.status).toBe(200);
    expect(response.headers['content-language']).toBe(language);
    expect(response.body).toMatchObject({ language, languageFallback: false, code: '430100-000201-xk', name });
    expect(response.body.disclosures.map((disclosure: { key: string }) => disclosure.key)).toEqual([
      'legalBasis',
      'conditions',
      'materials',
      'procedure',
      'timeLimit',
      'fees',
      'result',
      'contact',
    ]);
    const text = JSON.stringify(response.body);
    if (language === 'en' || language === 'fr') expect(text).not.toMatch(HAN);
    if (language === 'ja') expect(text).toMatch(KANA);
    if (language === 'zh-Hant') expect(text).not.toMatch(/营业执照|申请|办理/);
  });

  it('falls back to zh-Hans for a language it does not have, and says so', async () => {
    const response = await get('/v1/public/service-guides/430100-000101-gg', { 'accept-language': 'de-DE, it;q=0.5' });
    expect(response.status).toBe(200);
    expect(response.headers['content-language']).toBe('zh-Hans');
    expect(response.body).toMatchObject({ language: 'zh-Hans', languageFallback: true, name: '户口迁入登记' });
  });

  it('names a bad lang and an unknown guide in problem+json', async () => {
    const bad = await get('/v1/public/service-guides?lang=de');
    expect(bad.status).toBe(400);
    expect(bad.contentType).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual([{ field: 'lang', reason: 'lang 必须是以下值之一：zh-Hans, zh-Hant, en, fr, ja' }]);
    const missing = await get('/v1/public/service-guides/430100-999999-xk', { 'accept-language': 'en' });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('service guide 430100-999999-xk not found');
  });

  it('lists the disclosure catalog with each item’s attribute, the reason for what is withheld, and the guides', async () => {
    const all = await get('/v1/public/disclosure-catalog?lang=en');
    expect(all.status).toBe(200);
    expect(all.headers['content-language']).toBe('en');
    expect(JSON.stringify(all.body)).not.toMatch(HAN);
    const attributes = new Set(all.body.items.map((item: { attribute: string }) => item.attribute));
    expect(attributes).toEqual(new Set(['proactive', 'on-request', 'withheld']));
    expect(all.body.items).toContainEqual(
      expect.objectContaining({
        code: 'service-guide-430100-000201-xk',
        category: { code: 'service-guides', name: 'Service guides' },
        attribute: 'proactive',
        attributeName: 'Proactively disclosed',
        serviceGuide: '/v1/public/service-guides/430100-000201-xk',
      }),
    );
    const withheld = await get('/v1/public/disclosure-catalog?attribute=withheld');
    expect(withheld.headers['content-language']).toBe('zh-Hans');
    expect(withheld.body.items.length).toBeGreaterThan(0);
    for (const item of withheld.body.items)
      expect(item).toMatchObject({ attribute: 'withheld', attributeName: '不予公开', reasonName: expect.any(String) });
    const plans = await get('/v1/public/disclosure-catalog?category=plans&lang=zh-Hant');
    expect(plans.body.items.every((item: { category: { name: string } }) => item.category.name === '規劃計劃')).toBe(true);
    const wrong = await get('/v1/public/disclosure-catalog?attribute=secret');
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('attribute');
  });
});
