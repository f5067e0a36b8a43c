/**
 * Splits a text into words and hands each over by its UTF-16 offsets, so that no string is made for a word nobody
 * reads: jieba's exact mode over the shipped dictionary in production (infra/dictionary-segmenter.ts), anything in tests.
 */
export type Segmenter = (text: string, word: (start: number, end: number) => void) => void;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const CJK_PAIR = /^[\u3400-\u9fff\uf900-\ufaff]{2}$/;
// Pseudonymised places (A市, A3区, 西地省), masked phone numbers and dates say nothing about the domain.
const NOISE = /[A-Za-z]\d*(?=[市区县镇乡村])|\d+/g;

/** The features of a text, one call per occurrence, in the order `featuresOf` lists them. */
export interface FeatureVisitor {
  word(word: string): void;
  /** A Chinese character, by its UTF-16 code (every character the runs hold is one code unit). */
  character(code: number): void;
  bigram(first: number, second: number): void;
}

/**
 * The features of one message: its words (2+ characters, or one CJK character that jieba kept apart is dropped as
 * too ambiguous) prefixed `w:`, then for every run of Chinese its single characters prefixed `c:` and its character
 * bigrams prefixed `b:`. Bigrams catch the words jieba's dictionary splits wrongly; words catch what bigrams blur;
 * single characters (房, 校, 医, 车) add evidence where a text's words are rare. A model ignores
 * the features it was not trained on, so older models read the same features unchanged.
 */
export function featuresOf(text: string, segment: Segmenter): string[] {
  const features: string[] = [];
  visitFeatures(text, segment, {
    word: (word) => features.push(`w:${word}`),
    character: (code) => features.push(`c:${String.fromCharCode(code)}`),
    bigram: (first, second) => features.push(`b:${String.fromCharCode(first, second)}`),
  });
  return features;
}

/** The features of `featuresOf`, handed to a visitor as they are found, so that a classifier need not spell them. */
export function visitFeatures(text: string, segment: Segmenter, visitor: FeatureVisitor): void {
  const normalised = text.normalize('NFKC').toLowerCase().replace(NOISE, ' ');
  segment(normalised, (start, end) => {
    if (end - start < 2) return;
    const trimmed = normalised.slice(start, end).trim();
    if (trimmed.length >= 2 && (CJK.test(trimmed) || /^[a-z]{2,}$/.test(trimmed))) visitor.word(trimmed);
  });
  for (const run of normalised.match(CJK_RUN) ?? []) {
    for (let index = 0; index < run.length; index++) visitor.character(run.charCodeAt(index));
    for (let index = 0; index + 1 < run.length; index++) visitor.bigram(run.charCodeAt(index), run.charCodeAt(index + 1));
  }
}

/** Counts of each feature: what the models read. */
export function countFeatures(features: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return counts;
}

/** Whether a text is two of the Chinese characters that runs are made of (what a bigram feature holds). */
export function isChinesePair(text: string): boolean {
  return CJK_PAIR.test(text);
}

/**
 * A bigram as `visitFeatures` gives it, as one integer under 2^30 (so V8 keeps it unboxed): the two ranges of the
 * runs' characters (U+3400–U+9FFF, U+F900–U+FAFF) packed into 0x6E00 values each.
 */
export function bigramKey(first: number, second: number): number {
  return packedCode(first) * 0x6e00 + packedCode(second);
}

function packedCode(code: number): number {
  return code >= 0xf900 ? code - 0xf900 + 0x6c00 : code - 0x3400;
}
