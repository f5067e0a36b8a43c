import demoCity from '../../catalog/demo-city.json';
import { parseCatalog, validateCatalog } from './catalog';
import { answerConfidence, instantAnswer, knowledgeBaseProblems } from './knowledge-base';

const catalog = parseCatalog(demoCity);
const entries = catalog.answers;
const fund = entries.find(({ code }) => code === 'kb-housing-fund-withdrawal')!;
const THRESHOLD = 0.8;

describe('instantAnswer: consultations the knowledge base answers (即办)', () => {
  it('ships a few entries in the demonstration city', () => {
    expect(entries.length).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['请问住房公积金怎么提取？', 'kb-housing-fund-withdrawal'],
    ['您好，公积金怎么取出来', 'kb-housing-fund-withdrawal'],
    ['身份证丢了怎么补办？', 'kb-id-card-renewal'],
    ['我的身份证过期了，去哪里换', 'kb-id-card-renewal'],
    ['怎么查询社保缴费年限', 'kb-pension-contribution-record'],
    ['想问一下户口迁到A市要什么材料', 'kb-household-registration-move'],
  ])('answers %s', (text, code) => {
    expect(instantAnswer({ text }, entries, THRESHOLD)).toMatchObject({ entry: { code } });
  });

  it.each([
    // Another matter besides the question: a department answers.
    '我在A市工作五年，单位一直拖欠工资，现在离职了想问公积金怎么提取，工资怎么要回来',
    // A complaint about the service, not the question.
    '公积金中心窗口工作人员态度恶劣，提取材料交了三次都说不齐',
    // Keywords missing.
    '住房补贴怎么申请',
    '小区门口的路灯坏了',
  ])('leaves %s to a department', (text) => {
    expect(instantAnswer({ text }, entries, THRESHOLD)).toBeUndefined();
  });

  it("only considers the case's own category when it has one", () => {
    expect(instantAnswer({ text: '公积金怎么提取', categoryCode: 'urban.10.01' }, entries, THRESHOLD)).toBeDefined();
    expect(instantAnswer({ text: '公积金怎么提取', categoryCode: 'law.04.05' }, entries, THRESHOLD)).toBeUndefined();
  });

  it('scores 0 without every keyword, 1 for the question itself', () => {
    expect(answerConfidence('公积金', fund)).toBe(0);
    expect(answerConfidence('如何提取公积金', fund)).toBe(1);
  });
});

describe('knowledgeBaseProblems', () => {
  it('names every problem of the answers list, and accepts a catalog without one', () => {
    expect(knowledgeBaseProblems(undefined, () => true)).toEqual([]);
    expect(knowledgeBaseProblems({}, () => true)).toEqual([{ path: 'answers', message: 'must be a list' }]);
    const problems = knowledgeBaseProblems(
      [
        { code: 'a', category: 'x', questions: ['q'], keywords: ['k'], answer: '答' },
        { code: 'a', category: 'nope', questions: [], keywords: [' '], answer: '' },
      ],
      (code) => code === 'x',
    );
    expect(problems).toEqual([
      { path: 'answers[1].code', message: 'a is listed twice' },
      { path: 'answers[1].category', message: 'unknown category "nope"' },
      { path: 'answers[1].questions', message: 'must list at least one question' },
      { path: 'answers[1].keywords', message: 'must list at least one keyword' },
      { path: 'answers[1].answer', message: 'is required' },
    ]);
  });

  it('is part of the catalog check', () => {
    const broken = { ...demoCity, answers: [{ ...demoCity.answers[0], category: 'urban.property-management' }] };
    expect(validateCatalog(broken).problems).toEqual([
      { path: 'answers[0].category', message: 'unknown category "urban.property-management"' },
    ]);
  });
});
