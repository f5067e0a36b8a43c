import { countSpans, scoresOf, type SpanCounts } from './span-scores';

describe('span scores', () => {
  it('counts a span right only when type, start and end match', () => {
    const counts = new Map<string, SpanCounts>();
    countSpans(
      counts,
      [
        { type: 'name', start: 0, end: 2 },
        { type: 'name', start: 5, end: 8 },
      ],
      [
        { type: 'name', start: 0, end: 2 },
        { type: 'name', start: 5, end: 7 },
        { type: 'address', start: 5, end: 8 },
      ],
    );
    expect(counts.get('name')).toEqual({ truePositives: 1, found: 2, expected: 2 });
    expect(scoresOf(counts.get('name')!)).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(scoresOf(counts.get('address')!).precision).toBe(0);
  });
});
