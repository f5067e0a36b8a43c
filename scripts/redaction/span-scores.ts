/** Span-level precision, recall and F1: a found span counts only when its type, start and end all match. */
export interface SpanCounts {
  truePositives: number;
  found: number;
  expected: number;
}

export interface TypedRange {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

export const emptyCounts = (): SpanCounts => ({ truePositives: 0, found: 0, expected: 0 });

export function countSpans(counts: Map<string, SpanCounts>, expected: readonly TypedRange[], found: readonly TypedRange[]): void {
  const key = (span: TypedRange) => `${span.type}:${span.start}:${span.end}`;
  const expectedKeys = new Set(expected.map(key));
  const countsOf = (type: string) => counts.get(type) ?? (counts.set(type, emptyCounts()), counts.get(type)!);
  for (const span of expected) countsOf(span.type).expected++;
  for (const span of found) {
    countsOf(span.type).found++;
    if (expectedKeys.has(key(span))) countsOf(span.type).truePositives++;
  }
}

export function scoresOf(counts: SpanCounts): { precision: number; recall: number; f1: number } {
  const precision = counts.found ? counts.truePositives / counts.found : 1;
  const recall = counts.expected ? counts.truePositives / counts.expected : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);

export function scoreLine(type: string, counts: SpanCounts): string {
  const { precision, recall, f1 } = scoresOf(counts);
  return `${type.padEnd(12)} P ${percent(precision)}  R ${percent(recall)}  F1 ${percent(f1)}   (${counts.truePositives} right of ${counts.found} found, ${counts.expected} expected)`;
}
