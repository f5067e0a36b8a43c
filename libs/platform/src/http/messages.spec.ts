import { codeProblemOf, textProblemOf } from '../validation/field.rules';
import { isInCatalog, languageOf, localizedMessage, localizedTitle } from './messages';
import { localizedProblem, problemOf } from './problem';

describe('the language of an error', () => {
  it('is zh-Hans unless the caller prefers English', () => {
    expect(languageOf(undefined)).toBe('zh-Hans');
    expect(languageOf('')).toBe('zh-Hans');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('en-GB,en;q=0.9')).toBe('en');
    expect(languageOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-Hans');
    expect(languageOf('fr-FR, en;q=0.5')).toBe('en');
    expect(languageOf('en;q=0.3, zh-Hans;q=0.7')).toBe('zh-Hans');
    expect(languageOf('de, fr')).toBe('zh-Hans');
    expect(languageOf('en;q=0, zh;q=0.1')).toBe('zh-Hans');
  });
});

describe('the message catalog', () => {
  it('tells every reason the shared field rules give in Chinese, keeping the field path', () => {
    const reasons = [
      textProblemOf('requester.name', undefined, { maxLength: 50 }),
      textProblemOf('requester.name', 42, { maxLength: 50 }),
      textProblemOf('requester.name', '长'.repeat(51), { maxLength: 50 }),
      textProblemOf('requester.name', 'a\ud800', { maxLength: 50 }),
      textProblemOf('requester.name', 'a\u0000', { maxLength: 50 }),
      textProblemOf('description', 'a\u0000', { maxLength: 50, multiline: true }),
      textProblemOf('description', ' ', { maxLength: 50 }),
      codeProblemOf('categoryCode', 'No'),
    ] as string[];
    for (const reason of reasons) expect(isInCatalog(reason)).toBe(true);
    expect(localizedMessage('requester.name must be at most 50 characters long', 'zh-Hans')).toBe('requester.name 最多 50 个字符');
    expect(localizedMessage('attachments.0 must be an object', 'zh-Hans')).toBe('attachments 的第 0 项必须是对象');
    expect(localizedMessage('hotline is only for channel hotline-12345', 'zh-Hans')).toBe('hotline 只用于渠道 hotline-12345');
  });

  it('leaves English as written, and a message it does not know in English', () => {
    expect(localizedMessage('case 1 not found', 'en')).toBe('case 1 not found');
    expect(localizedMessage('something new went wrong', 'zh-Hans')).toBe('something new went wrong');
  });

  it('tells a whole problem: title, detail and each reason', () => {
    const problem = problemOf(400, 'invalid field(s): description', {
      code: 'invalid-request',
      errors: [{ field: 'description', reason: 'description is required' }],
    });
    expect(localizedProblem(problem, 'zh-Hans')).toMatchObject({
      title: '请求有误',
      detail: '以下字段有误：description',
      code: 'invalid-request',
      errors: [{ field: 'description', reason: 'description 为必填项' }],
    });
    expect(localizedProblem(problem, 'en')).toBe(problem);
    expect(localizedTitle(418, "I'm a teapot", 'zh-Hans')).toBe("I'm a teapot");
  });
});
