import { applyMasks, mergeSpans, type RedactionSpan } from './redaction-span';

describe('mergeSpans and applyMasks', () => {
  const priority = ['phone', 'address', 'name'] as const;

  it('lets the surer detector win an overlap and keeps what sticks out of the loser', () => {
    const text = '张三住人民路12号电话13812345678';
    // 张三 0-2, 住 2, 人民路12号 3-9, 电话 9-11, 13812345678 11-22
    const spans: RedactionSpan[] = [
      { type: 'name', start: 0, end: 2 },
      { type: 'name', start: 1, end: 4 },
      { type: 'address', start: 3, end: 9 },
      { type: 'phone', start: 11, end: 22 },
      { type: 'address', start: 8, end: 13 },
    ];
    const merged = mergeSpans(text, spans, [...priority]);
    expect(merged).toEqual([
      { type: 'name', start: 0, end: 3 },
      { type: 'address', start: 3, end: 11 },
      { type: 'phone', start: 11, end: 22 },
    ]);
    expect(applyMasks(text, merged)).toBe('【姓名】【地址】【电话】');
  });

  it('never splits a surrogate pair (the emoji is 1–3)', () => {
    const text = 'a😀b';
    expect(mergeSpans(text, [{ type: 'name', start: 2, end: 3 }], [...priority])).toEqual([{ type: 'name', start: 1, end: 3 }]);
  });
});
