/**
 * A character-level sequence tagger for personal names and addresses: a linear model over character
 * n-gram, character-class and lexicon features, decoded with Viterbi over BIO tags (first-order
 * transitions). Trained as an averaged perceptron by `npm run redaction:train` (scripts/redaction),
 * shipped as one JSON file of int8-quantised weights.
 */

/**
 * BIO tags. The benchmark's other entity types (organisations, positions, companies, works…) are learnt as
 * one `other` type, so that the model learns what is *not* a name or an address; they are never output.
 */
export const TAGS = ['O', 'B-name', 'I-name', 'B-address', 'I-address', 'B-other', 'I-other'] as const;
export type Tag = (typeof TAGS)[number];
export const TAG_COUNT = TAGS.length;
export type EntityType = 'name' | 'address';
export type TrainingEntityType = EntityType | 'other';

export interface EntitySpan<Type extends string = EntityType> {
  readonly type: Type;
  readonly start: number;
  readonly end: number;
}

/** An inside tag follows only its own type's beginning or inside tag. */
const ALLOWED = TAGS.map((from) => TAGS.map((to) => !to.startsWith('I-') || from.slice(2) === to.slice(2)));

/** The lexicons that features look up; shipped inside the model so training and use always agree. */
export interface TaggerLexicon {
  readonly surnames: readonly string[];
}

/** Words that follow a person's name: 张三先生, 李四书记. */
export const TITLES = [
  '先生',
  '女士',
  '小姐',
  '同志',
  '老师',
  '师傅',
  '书记',
  '主任',
  '局长',
  '区长',
  '市长',
  '县长',
  '镇长',
  '乡长',
  '村长',
  '省长',
  '部长',
  '处长',
  '科长',
  '所长',
  '院长',
  '校长',
  '经理',
  '总经理',
  '董事长',
  '主席',
  '委员',
  '代表',
  '医生',
  '教授',
  '博士',
  '律师',
  '警官',
  '队长',
  '组长',
  '站长',
  '厂长',
  '会长',
  '秘书',
  '主管',
  '网友',
  '业主',
  '老人',
  '大爷',
  '阿姨',
];
const TITLE_SET = new Set(TITLES);
/** Characters that end place names, from provinces down to rooms. */
const PLACE_SUFFIXES = new Set([...'省市区县镇乡村屯组路街道巷弄里号栋幢楼层室州府岛山河湖港湾桥站园苑庄寨坊厦']);

function characterClass(character: string | undefined): string {
  if (character === undefined) return 'E';
  if (/\p{Script=Han}/u.test(character)) return 'H';
  if (/[0-9０-９]/.test(character)) return 'D';
  if (/[A-Za-zＡ-Ｚａ-ｚ]/.test(character)) return 'L';
  if (/\s/.test(character)) return 'S';
  if (/[\p{P}\p{S}]/u.test(character)) return 'P';
  return 'X';
}

/** A word segmenter with parts of speech (jieba's `tag`): words in text order, concatenating to the text. */
export type WordTagger = (text: string) => readonly { readonly word: string; readonly tag: string }[];

/** Each position's word feature: the word's part of speech and where in the word the position is (B/M/E/S). */
export function wordFeaturesOf(text: string, wordTagger: WordTagger): string[] {
  return wordsOf(text, wordTagger).parts;
}

/** Each position's word part feature (see wordFeaturesOf) and the word it is in. */
function wordsOf(text: string, wordTagger: WordTagger): { parts: string[]; words: string[] } {
  const parts = new Array<string>(text.length).fill('-');
  const words = new Array<string>(text.length).fill('-');
  let cursor = 0;
  for (const { word, tag } of wordTagger(text)) {
    const start = text.startsWith(word, cursor) ? cursor : text.indexOf(word, cursor);
    if (start < 0 || word.length === 0) continue;
    for (let offset = 0; offset < word.length; offset++) {
      const place = word.length === 1 ? 'S' : offset === 0 ? 'B' : offset === word.length - 1 ? 'E' : 'M';
      parts[start + offset] = `${tag}-${place}`;
      words[start + offset] = word;
    }
    cursor = start + word.length;
  }
  return { parts, words };
}

/** Prepared lookups for feature extraction. */
export class FeatureExtractor {
  private readonly singleSurnames: ReadonlySet<string>;
  private readonly compoundSurnames: ReadonlySet<string>;

  constructor(
    readonly lexicon: TaggerLexicon,
    readonly wordTagger: WordTagger,
  ) {
    this.singleSurnames = new Set(lexicon.surnames.filter((surname) => surname.length === 1));
    this.compoundSurnames = new Set(lexicon.surnames.filter((surname) => surname.length === 2));
  }

  isSurnameAt(text: string, index: number): number {
    if (this.compoundSurnames.has(text.slice(index, index + 2))) return 2;
    return this.singleSurnames.has(text[index]) ? 1 : 0;
  }

  private titleAt(text: string, index: number): boolean {
    return TITLE_SET.has(text.slice(index, index + 2)) || TITLE_SET.has(text.slice(index, index + 3));
  }

  /** The features of every position of `text` (offsets in UTF-16 code units). */
  extract(text: string): string[][] {
    const at = (index: number) => (index < 0 ? '^' : index >= text.length ? '$' : text[index]);
    const classes = Array.from({ length: text.length + 4 }, (_, index) => characterClass(text[index - 2]));
    const classAt = (index: number) => classes[index + 2];
    const surname = Array.from({ length: text.length }, (_, index) => this.isSurnameAt(text, index));
    const title = Array.from({ length: text.length }, (_, index) => this.titleAt(text, index));
    const { parts: words, words: wordTexts } = wordsOf(text, this.wordTagger);
    const wordAt = (index: number) => words[index] ?? '^$';
    return Array.from({ length: text.length }, (_, i) => {
      const features = [
        'bias',
        `u-2:${at(i - 2)}`,
        `u-1:${at(i - 1)}`,
        `u0:${at(i)}`,
        `u1:${at(i + 1)}`,
        `u2:${at(i + 2)}`,
        `b-2:${at(i - 2)}${at(i - 1)}`,
        `b-1:${at(i - 1)}${at(i)}`,
        `b0:${at(i)}${at(i + 1)}`,
        `b1:${at(i + 1)}${at(i + 2)}`,
        `c3:${at(i - 1)}${at(i)}${at(i + 1)}`,
        `w0:${wordAt(i)}`,
        `w-1:${wordAt(i - 1)}`,
        `w1:${wordAt(i + 1)}`,
        `w01:${wordAt(i)}|${wordAt(i + 1)}`,
        `w-10:${wordAt(i - 1)}|${wordAt(i)}`,
        `wd:${wordTexts[i]}`,
        `u-3:${at(i - 3)}`,
        `u3:${at(i + 3)}`,
        `t:${classAt(i - 1)}${classAt(i)}${classAt(i + 1)}`,
        `sn:${surname[i - 2] ?? 0}${surname[i - 1] ?? 0}${surname[i]}`,
      ];
      for (let distance = 1; distance <= 4; distance++) if (title[i + distance]) features.push(`tt${distance}`);
      if (PLACE_SUFFIXES.has(at(i))) features.push(`ps0:${at(i)}`);
      if (PLACE_SUFFIXES.has(at(i + 1))) features.push('ps1');
      if (PLACE_SUFFIXES.has(at(i - 1))) features.push('ps-1');
      return features;
    });
  }
}

/** Best tag sequence under per-position scores and transition scores; I-x only after B-x or I-x. */
export function viterbi(emissions: Float32Array[], transitions: Float32Array, start: Float32Array): number[] {
  const length = emissions.length;
  if (length === 0) return [];
  const score = new Float64Array(length * TAG_COUNT);
  const back = new Int8Array(length * TAG_COUNT);
  for (let tag = 0; tag < TAG_COUNT; tag++) score[tag] = TAGS[tag].startsWith('I-') ? -Infinity : start[tag] + emissions[0][tag];
  for (let i = 1; i < length; i++) {
    for (let tag = 0; tag < TAG_COUNT; tag++) {
      let best = -Infinity;
      let bestFrom = 0;
      for (let from = 0; from < TAG_COUNT; from++) {
        if (!ALLOWED[from][tag]) continue;
        const candidate = score[(i - 1) * TAG_COUNT + from] + transitions[from * TAG_COUNT + tag];
        if (candidate > best) {
          best = candidate;
          bestFrom = from;
        }
      }
      score[i * TAG_COUNT + tag] = best + emissions[i][tag];
      back[i * TAG_COUNT + tag] = bestFrom;
    }
  }
  const path = new Array<number>(length);
  let last = 0;
  for (let tag = 1; tag < TAG_COUNT; tag++) if (score[(length - 1) * TAG_COUNT + tag] > score[(length - 1) * TAG_COUNT + last]) last = tag;
  path[length - 1] = last;
  for (let i = length - 1; i > 0; i--) path[i - 1] = back[i * TAG_COUNT + path[i]];
  return path;
}

/** Spans of a BIO tag sequence. */
export function spansOfTags(tags: readonly number[]): EntitySpan<TrainingEntityType>[] {
  const spans: EntitySpan<TrainingEntityType>[] = [];
  let open: { type: TrainingEntityType; start: number } | undefined;
  const close = (end: number) => {
    if (open) spans.push({ ...open, end });
    open = undefined;
  };
  tags.forEach((tag, index) => {
    const name = TAGS[tag];
    if (name === 'O') close(index);
    else if (name.startsWith('B-')) {
      close(index);
      open = { type: name.slice(2) as TrainingEntityType, start: index };
    }
  });
  close(tags.length);
  return spans;
}

/** BIO tags of a text's entity spans (for training and evaluation). */
export function tagsOfSpans(length: number, spans: readonly EntitySpan<TrainingEntityType>[]): number[] {
  const tags = new Array<number>(length).fill(0);
  for (const span of spans) {
    tags[span.start] = TAGS.indexOf(`B-${span.type}`);
    for (let index = span.start + 1; index < span.end; index++) tags[index] = TAGS.indexOf(`I-${span.type}`);
  }
  return tags;
}

/** The shipped model: feature names, their int8 weights (one per tag) and the scale back to real numbers. */
export interface TaggerModelFile {
  readonly format: 'ugov-bio-perceptron/1';
  readonly tags: readonly string[];
  readonly source: string;
  readonly lexicon: TaggerLexicon;
  readonly scale: number;
  readonly transitions: readonly number[];
  readonly start: readonly number[];
  /** Feature names joined by "\n", in the order of `weights`. */
  readonly features: string;
  /** Base64 of an Int8Array with TAG_COUNT weights per feature. */
  readonly weights: string;
}

/**
 * Added to the name tags' scores: a missed name is a leak, a false one only a blank. First chosen on fold 1 with a
 * model trained without it (recall 70.5% → 75.5%, precision 73% → 65%); raised to 11 with the redactor's name
 * filters, on folds 1–4 with models trained without each (the redactor's exact names: 1,168 of 1,482 at 10,
 * 1,173 at 11, 1,179 at 12, precision 70.8%, 69.8%, 68.6%; names wholly masked 1,232, 1,240, 1,249), never on
 * the fold we report.
 */
export const DEFAULT_NAME_BIAS = 11;

export class NameAddressTagger {
  private readonly extractor: FeatureExtractor;
  /**
   * Every feature's weights in one table (TAG_COUNT per row) and each feature's row: a typed array per feature cost
   * about 180 bytes of object headers each, 9 MiB for the model's 53,000 features.
   */
  private readonly rows = new Map<string, number>();
  private readonly weights: Float32Array;
  private readonly transitions: Float32Array;
  private readonly start: Float32Array;
  private readonly nameBias: number;

  constructor(model: TaggerModelFile, wordTagger: WordTagger, options: { nameBias?: number } = {}) {
    this.extractor = new FeatureExtractor(model.lexicon, wordTagger);
    const names = model.features.split('\n');
    const quantised = new Int8Array(Buffer.from(model.weights, 'base64').buffer.slice(0));
    if (model.tags.join() !== TAGS.join()) throw new Error(`the tagger model has tags ${model.tags.join()}, this code ${TAGS.join()}`);
    if (quantised.length !== names.length * TAG_COUNT) throw new Error('the tagger model is damaged: weights do not match features');
    this.weights = Float32Array.from(quantised, (weight) => weight * model.scale);
    names.forEach((name, index) => this.rows.set(name, index * TAG_COUNT));
    this.transitions = Float32Array.from(model.transitions);
    this.start = Float32Array.from(model.start);
    this.nameBias = options.nameBias ?? DEFAULT_NAME_BIAS;
  }

  get lexicon(): FeatureExtractor {
    return this.extractor;
  }

  /** The words of the text (by the word tagger) with their offsets and parts of speech. */
  words(text: string): { readonly start: number; readonly end: number; readonly tag: string }[] {
    const words: { start: number; end: number; tag: string }[] = [];
    let cursor = 0;
    for (const { word, tag } of this.extractor.wordTagger(text)) {
      const start = text.startsWith(word, cursor) ? cursor : text.indexOf(word, cursor);
      if (start < 0 || word.length === 0) continue;
      words.push({ start, end: start + word.length, tag });
      cursor = start + word.length;
    }
    return words;
  }

  get featureCount(): number {
    return this.rows.size;
  }

  tag(text: string): EntitySpan[] {
    const emissions = this.extractor.extract(text).map((features) => {
      const scores = new Float32Array(TAG_COUNT);
      for (const feature of features) {
        const row = this.rows.get(feature);
        if (row !== undefined) for (let tag = 0; tag < TAG_COUNT; tag++) scores[tag] += this.weights[row + tag];
      }
      scores[1] += this.nameBias;
      scores[2] += this.nameBias;
      return scores;
    });
    return spansOfTags(viterbi(emissions, this.transitions, this.start)).filter((span): span is EntitySpan => span.type !== 'other');
  }
}
