/** Letters and digits only (any script), lower-cased: punctuation, spaces and emoji do not make two texts differ. */
function normalised(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The text's distinct pairs of adjacent characters (a one-character text is its own single "pair"). */
export function characterBigrams(text: string): Set<string> {
  const characters = [...normalised(text)];
  if (characters.length === 1) return new Set(characters);
  const bigrams = new Set<string>();
  for (let index = 0; index + 1 < characters.length; index++) bigrams.add(characters[index] + characters[index + 1]);
  return bigrams;
}

/**
 * How alike two texts are, from 0 to 1: the Jaccard index of their character bigrams. Works on Chinese without
 * word segmentation, and a reworded repeat of a complaint still shares most of its bigrams.
 */
export function textSimilarity(a: string, b: string): number {
  const left = characterBigrams(a);
  const right = characterBigrams(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const bigram of left) if (right.has(bigram)) shared++;
  return shared / (left.size + right.size - shared);
}

export interface OpenCase {
  readonly caseId: string;
  readonly description: string;
  readonly acceptedAt: Date;
}

export interface RepeatRule {
  /** Lowest similarity for a repeat, from 0 (exclusive) to 1. */
  readonly threshold: number;
  /** How far back a repeat looks, in milliseconds before the new case's acceptance. */
  readonly windowMs: number;
}

/**
 * The open case of the same requester that a new request repeats (并单): the most similar one accepted within the
 * window before it, if similar enough; ties go to the earlier case.
 */
export function repeatedCase(
  request: { readonly description: string; readonly acceptedAt: Date },
  openCases: readonly OpenCase[],
  rule: RepeatRule,
): { readonly openCase: OpenCase; readonly similarity: number } | undefined {
  let best: { openCase: OpenCase; similarity: number } | undefined;
  const since = request.acceptedAt.getTime() - rule.windowMs;
  for (const openCase of openCases) {
    const at = openCase.acceptedAt.getTime();
    if (at < since || at > request.acceptedAt.getTime()) continue;
    const similarity = textSimilarity(request.description, openCase.description);
    if (similarity < rule.threshold) continue;
    if (!best || similarity > best.similarity || (similarity === best.similarity && at < best.openCase.acceptedAt.getTime()))
      best = { openCase, similarity };
  }
  return best;
}

/** The settings' defaults: a week, and half the bigrams shared (unrelated messages of a public board rarely reach 0.2). */
export const DEFAULT_REPEAT_RULE = { threshold: 0.5, windowDays: 7 } as const;
