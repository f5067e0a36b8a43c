import { censorRuleProblem, censorSpans, type CensorRule } from './censor-rules';

const rule = (kind: CensorRule['kind'], text: string, reason = '内部过程信息'): CensorRule => ({ scope: 'department', kind, text, reason });

describe('censor rules', () => {
  it('withholds every occurrence of a literal, its special characters taken literally', () => {
    const text = '会议纪要(草稿)见附件；会议纪要(草稿)不公开';
    expect(censorSpans(text, [rule('literal', '会议纪要(草稿)')])).toEqual([
      { type: 'censored', start: 0, end: 8, reason: '内部过程信息' },
      { type: 'censored', start: 12, end: 20, reason: '内部过程信息' },
    ]);
  });

  it('withholds what a pattern matches, with the rule reason', () => {
    const text = '文号：内部〔2026〕12号';
    expect(censorSpans(text, [rule('pattern', '内部〔\\d{4}〕\\d+号', '国家秘密')])).toEqual([
      { type: 'censored', start: 3, end: 14, reason: '国家秘密' },
    ]);
  });

  it('refuses patterns that match nothing useful or could run for ever', () => {
    expect(censorRuleProblem(rule('pattern', 'a*'))).toMatch(/empty/);
    expect(censorRuleProblem(rule('pattern', '(a+)+b'))).toMatch(/for ever/);
    expect(censorRuleProblem(rule('pattern', '(a)\\1'))).toMatch(/back-references/);
    expect(censorRuleProblem(rule('pattern', '[a'))).toMatch(/not a regular expression/);
    expect(censorRuleProblem(rule('literal', 'x', ' '))).toMatch(/reason/);
    expect(censorSpans('aaa', [rule('pattern', 'a*')])).toEqual([]);
  });
});
