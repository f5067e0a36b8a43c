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

  it('keeps two names of Chinese characters side by side apart, and joins a name cut at a dot', () => {
    const names = mergeSpans(
      '记者季小舟胡金华',
      [
        { type: 'name', start: 2, end: 5 },
        { type: 'name', start: 5, end: 8 },
      ],
      [...priority],
    );
    expect(names).toEqual([
      { type: 'name', start: 2, end: 5 },
      { type: 'name', start: 5, end: 8 },
    ]);
    expect(applyMasks('记者季小舟胡金华', names)).toBe('记者【姓名】【姓名】');
    expect(
      mergeSpans(
        '发言人杰夫•莫雷尔说',
        [
          { type: 'name', start: 3, end: 6 },
          { type: 'name', start: 6, end: 9 },
        ],
        [...priority],
      ),
    ).toEqual([{ type: 'name', start: 3, end: 9 }]);
  });

  it('never splits a surrogate pair (the emoji is 1–3)', () => {
    const text = 'a😀b';
    expect(mergeSpans(text, [{ type: 'name', start: 2, end: 3 }], [...priority])).toEqual([{ type: 'name', start: 1, end: 3 }]);
  });
});
