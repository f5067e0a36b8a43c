/** Splits a text into words; jieba in production (see infra/jieba-segmenter.ts), anything in tests. */
export type Segmenter = (text: string) => readonly string[];

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
// Pseudonymised places (A市, A3区, 西地省), masked phone numbers and dates say nothing about the domain.
const NOISE = /[A-Za-z]\d*(?=[市区县镇乡村])|\d+/g;

/**
 * The features of one message: its words (2+ characters, or one CJK character that jieba kept apart is dropped as
 * too ambiguous) prefixed `w:`, then for every run of Chinese its single characters prefixed `c:` and its character
 * bigrams prefixed `b:`. Bigrams catch the words jieba's dictionary splits wrongly; words catch what bigrams blur;
 * single characters (房, 校, 医, 车) add evidence where a text's words are rare. A model ignores
 * the features it was not trained on, so older models read the same features unchanged.
 */
export function featuresOf(text: string, segment: Segmenter): string[] {
  const normalised = text.normalize('NFKC').toLowerCase().replace(NOISE, ' ');
  const features: string[] = [];
  for (const word of segment(normalised)) {
    const trimmed = word.trim();
    if (trimmed.length >= 2 && (CJK.test(trimmed) || /^[a-z]{2,}$/.test(trimmed))) features.push(`w:${trimmed}`);
  }
  for (const run of normalised.match(CJK_RUN) ?? []) {
    for (const character of run) features.push(`c:${character}`);
    for (let index = 0; index + 1 < run.length; index++) features.push(`b:${run.slice(index, index + 2)}`);
  }
  return features;
}

/** Counts of each feature: what the models read. */
export function countFeatures(features: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return counts;
}
