import { disclosureCatalog, disclosureCatalogProblems } from './disclosure-catalog';
import { negotiatePublicLanguage, PUBLIC_LANGUAGES } from './public-language';
import { SERVICE_GUIDE_CODES, serviceGuide, serviceGuideSummaries } from './service-guides';

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

describe('the language of a public answer', () => {
  it.each([
    [undefined, undefined, 'zh-Hans', false],
    ['fr', 'en', 'fr', false],
    [undefined, 'zh-TW,zh;q=0.8', 'zh-Hant', false],
    [undefined, 'zh-HK', 'zh-Hant', false],
    [undefined, 'zh-Hant-TW', 'zh-Hant', false],
    [undefined, 'zh-CN', 'zh-Hans', false],
    [undefined, 'de-DE, ja;q=0.5, en;q=0.7', 'en', false],
    [undefined, 'fr-CA', 'fr', false],
    [undefined, 'ja-JP;q=0.9, fr;q=0.9', 'ja', false],
    [undefined, 'de, it;q=0.5', 'zh-Hans', true],
    [undefined, 'en;q=0, de', 'zh-Hans', true],
  ] as const)('lang %s, Accept-Language %s → %s (fallback %s)', (lang, accept, language, fallback) => {
    expect(negotiatePublicLanguage(lang, accept)).toEqual({ language, fallback });
  });
});

describe('service guides', () => {
  it('list every catalog item in each language', () => {
    for (const language of PUBLIC_LANGUAGES)
      expect(serviceGuideSummaries(language).map((guide) => guide.code)).toEqual(SERVICE_GUIDE_CODES);
    expect(SERVICE_GUIDE_CODES.length).toBeGreaterThanOrEqual(10);
  });

  it('give the eight disclosures in order, each in the language asked', () => {
    const guide = serviceGuide('430100-000201-xk', 'zh-Hans')!;
    expect(guide.name).toBe('企业设立登记（营业执照核发）');
    expect(guide.department).toEqual({ code: 'city-market', name: 'A市市场监督管理局' });
    expect(guide.disclosures.map((disclosure) => disclosure.heading)).toEqual([
      '设定依据',
      '申请条件',
      '申请材料',
      '办理流程',
      '办理时限',
      '收费标准',
      '办理结果',
      '咨询与监督',
    ]);
    expect(guide.disclosures[2].materials?.map((material) => material.name)).toContain('公司章程');
  });

  it('never mix languages: English and French guides hold no Chinese characters, Japanese ones are in Japanese', () => {
    for (const code of SERVICE_GUIDE_CODES) {
      for (const language of ['en', 'fr'] as const) {
        const text = JSON.stringify(serviceGuide(code, language));
        expect([language, code, text.match(HAN)]).toEqual([language, code, null]);
      }
      expect(JSON.stringify(serviceGuide(code, 'ja'))).toMatch(KANA);
    }
    expect(serviceGuide('430100-000201-xk', 'zh-Hant')!.name).toBe('企業設立登記（營業執照核發）');
  });

  it('are absent for a code the catalog does not have', () => {
    expect(serviceGuide('430100-999999-xk', 'en')).toBeUndefined();
  });
});

describe('the disclosure catalog (政府信息公开目录)', () => {
  it('is consistent: known categories and departments, a reason exactly for what is withheld', () => {
    expect(disclosureCatalogProblems()).toEqual([]);
    expect(
      disclosureCatalogProblems([
        {
          code: 'x',
          category: 'nowhere',
          department: 'city-office',
          attribute: 'withheld',
          titles: { 'zh-Hans': 'x', 'zh-Hant': 'x', en: 'x', fr: 'x', ja: 'x' },
        },
      ]),
    ).toEqual(['x: unknown category nowhere', 'x: a reason is given exactly when the item is withheld']);
  });

  it('lists items with their attribute and reason, the service guides among them, filtered by category or attribute', () => {
    const all = disclosureCatalog('zh-Hans');
    expect(all.items.filter((item) => item.serviceGuide).length).toBe(SERVICE_GUIDE_CODES.length);
    const withheld = disclosureCatalog('zh-Hans', { attribute: 'withheld' }).items;
    expect(withheld.length).toBeGreaterThan(0);
    expect(withheld.every((item) => item.attributeName === '不予公开' && item.reasonName)).toBe(true);
    expect(new Set(withheld.map((item) => item.reasonName))).toEqual(new Set(['国家秘密', '商业秘密', '个人隐私', '内部过程信息']));
    const guides = disclosureCatalog('en', { category: 'service-guides' }).items;
    expect(guides[0]).toMatchObject({
      category: { code: 'service-guides', name: 'Service guides' },
      attributeName: 'Proactively disclosed',
    });
    expect(JSON.stringify(disclosureCatalog('fr'))).not.toMatch(HAN);
  });
});
