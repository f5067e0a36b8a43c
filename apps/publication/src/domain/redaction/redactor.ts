import { censorSpans, type CensorRule } from './censor-rules';
import { TITLES, type NameAddressTagger } from './name-address-tagger';
import { bankCardSpans, emailSpans, idNumberSpans, phoneSpans, plateSpans } from './number-detectors';
import { applyMasks, mergeSpans, type RedactionSpan, type RedactionType } from './redaction-span';
import { streetAddressSpans } from './street-address';

/** The redacted text and what was withheld, with offsets in UTF-16 code units of the input. */
export interface Redaction {
  readonly text: string;
  readonly spans: readonly RedactionSpan[];
}

/** Surer detectors first: a checksum or a pattern beats a statistical guess where they overlap. */
export const DETECTOR_PRIORITY: readonly RedactionType[] = [
  'email',
  'id-number',
  'bank-card',
  'phone',
  'plate',
  'censored',
  'address',
  'name',
];

/** Words after a name that are as often after other words (该网友, 小区业主): the rule below leaves them to the tagger. */
const LOOSE_TITLES = new Set(['总经理', '主席', '委员', '代表', '博士', '组长', '秘书', '主管', '网友', '业主', '老人', '大爷', '阿姨']);
/** Titles after which the characters before are a person's name (姓 + 1–2 characters): 张三先生, 胡华衡书记. */
const NAME_TITLES = TITLES.filter((title) => !LOOSE_TITLES.has(title));
const TITLE_AFTER_GIVEN_NAME = new RegExp(`^(\\p{Script=Han}{1,2}?)(?:${NAME_TITLES.join('|')})`, 'u');

/** Parts of speech (jieba's) that never begin a place name: verbs, prepositions, pronouns, adverbs, conjunctions, localisers, particles. */
const NOT_PLACE_START = /^(?:v|vd|vn|p|r|d|c|f|u|uj|ul|uz|ug|uv|ud)$/;

type Word = { readonly start: number; readonly end: number; readonly tag: string };

/** An address found from its numbered tail reaches back over words; words that cannot begin a place are dropped (反映景蓉华苑3栋 → 景蓉华苑3栋). */
function trimAddressStart(span: RedactionSpan, words: readonly Word[]): RedactionSpan {
  let start = span.start;
  for (const word of words) {
    if (word.end <= start) continue;
    if (word.start !== start || word.end >= span.end || !NOT_PLACE_START.test(word.tag)) break;
    start = word.end;
  }
  return start === span.start ? span : { ...span, start };
}

/** A name never begins with a pronoun or a demonstrative (我局, 该司 are institutions speaking of themselves). */
const NOT_NAME_START = /^[我你他她它本该其此这那贵]/;
/**
 * Characters no Chinese personal name holds (none of CLUENER's 3,155 names written in Chinese characters does),
 * though the words a tagger mistakes for names often do: 许可证, 普惠性, 幸福感, 县住建局, 施工图, 建议您.
 */
const NEVER_IN_NAMES = /[证性感局制站厂院率馆所部办处室队网街县省镇号场线件类型式度期量表您们的了监工]/g;
/** A name holds letters (Han or Latin) and the dots of foreign names, never punctuation or digits. */
const NAME_CHARACTERS = /^[\p{Script=Han}A-Za-z·•.\s-]+$/u;

/**
 * What follows the issuer's abbreviation in a document number (长县政发〔2018〕12号), never a name; a span may
 * stop short of the kind of document (长县[交]发［2013］5号).
 */
const DOCUMENT_YEAR_AFTER = /^(?:\p{Script=Han}{0,2}[发函字办复令通告])?[〔﹝[［【(（]\s*\d{4}/u;

function looksLikeName(text: string, span: { start: number; end: number }): boolean {
  const name = text.slice(span.start, span.end);
  return (
    name.length >= 2 &&
    NAME_CHARACTERS.test(name) &&
    !NOT_NAME_START.test(name) &&
    !DOCUMENT_YEAR_AFTER.test(text.slice(span.end, span.end + 9))
  );
}

/**
 * A tagged name cut at the characters no name holds: a part of two characters or more that begins with a surname
 * and at word boundaries is kept (李保海|处, 省|童名谦), the rest is no name (许可证, 幸福感, 县住建局).
 */
function partsOfName(
  text: string,
  span: RedactionSpan,
  isSurnameAt: (text: string, index: number) => number,
  boundaries: ReadonlySet<number>,
): RedactionSpan[] {
  const name = text.slice(span.start, span.end);
  const cuts = [...name.matchAll(NEVER_IN_NAMES)].map((match) => span.start + match.index);
  if (!cuts.length) return [span];
  const parts: RedactionSpan[] = [];
  for (const [index, end] of [...cuts, span.end].entries()) {
    const start = index === 0 ? span.start : cuts[index - 1] + 1;
    if (end - start >= 2 && isSurnameAt(text, start) && boundaries.has(start) && boundaries.has(end)) parts.push({ ...span, start, end });
  }
  return parts;
}

/**
 * jieba's parts of speech for dictionary words that name things, not people: proper nouns other than persons
 * and places, institutions, abbreviations, verbal nouns, verbs, numerals, idioms… A tagged name that is exactly
 * one such word is dropped (营销, 法学院, 房管局, 第三): on CLUENER folds 1–4, 2 of 15 such spans were names.
 * Plain nouns (n) stay: jieba gives n to many transliterated names (温格, 基恩).
 */
const THING_WORD = /^(?:nz|nt|vn|v|j|m|l|i|b|f|s|t)$/;

/** A tagged name that is exactly one word naming a thing is no name. */
function isThingWord(span: RedactionSpan, words: readonly Word[]): boolean {
  const inside = words.filter((word) => word.start < span.end && span.start < word.end);
  return inside.length === 1 && inside[0].start === span.start && inside[0].end === span.end && THING_WORD.test(inside[0].tag);
}

/** A tagged place is withheld only down at a dwelling (see streetAddressSpans) or when it joins one. */
function touches(span: RedactionSpan, others: readonly RedactionSpan[]): boolean {
  return others.some((other) => span.start <= other.end && other.start <= span.end);
}

/**
 * Personal data and censored text found in a reply, before anything goes public: numbers by pattern and
 * checksum, names and addresses by the trained tagger plus rules, and the censor rules that apply.
 */
export class Redactor {
  constructor(private readonly tagger: NameAddressTagger) {}

  /**
   * Names before a title, found from the surname list whatever the tagger says; a candidate must begin and
   * end at word boundaries, or 公司总经理 would give 公司总, and begin with a word jieba takes for a person's
   * name (胡/nr 华衡 书记, 王小明/nr 先生): the surname list holds common characters, and before a title stand
   * as often 研究中心 主任, 营销 经理, 刚才 王 主任, 于/p 老师 (on CLUENER folds 1–3, 54 spans and no name).
   */
  private titledNameSpans(text: string, words: readonly Word[]): RedactionSpan[] {
    const spans: RedactionSpan[] = [];
    const wordAt = new Map(words.map((word) => [word.start, word]));
    const ends = new Set(words.map((word) => word.end));
    for (let index = 0; index < text.length; index++) {
      const surnameLength = this.tagger.lexicon.isSurnameAt(text, index);
      if (!surnameLength || !wordAt.get(index)?.tag.startsWith('nr')) continue;
      const given = TITLE_AFTER_GIVEN_NAME.exec(text.slice(index + surnameLength, index + surnameLength + 6));
      if (!given || !given[1]) continue;
      const end = index + surnameLength + given[1].length;
      if (ends.has(end)) spans.push({ type: 'name', start: index, end });
    }
    return spans;
  }

  detect(text: string, censorRules: readonly CensorRule[] = []): RedactionSpan[] {
    const tagged = this.tagger.tag(text);
    const found = streetAddressSpans(text);
    const words = this.tagger.words(text);
    const dwellings = found.map((span) => trimAddressStart(span, words));
    const taggedPlaces = tagged.filter((span) => span.type === 'address' && touches(span, dwellings));
    const boundaries = new Set(words.flatMap((word) => [word.start, word.end]));
    const taggedNames = tagged
      .filter((span) => span.type === 'name')
      .flatMap((span) => partsOfName(text, span, (at, index) => this.tagger.lexicon.isSurnameAt(at, index), boundaries))
      .filter((span) => looksLikeName(text, span) && !isThingWord(span, words));
    const all = [
      ...emailSpans(text),
      ...idNumberSpans(text),
      ...bankCardSpans(text),
      ...phoneSpans(text),
      ...plateSpans(text),
      ...censorSpans(text, censorRules),
      ...dwellings,
      ...taggedPlaces,
      ...taggedNames,
      ...this.titledNameSpans(text, words),
    ];
    return mergeSpans(text, all, DETECTOR_PRIORITY);
  }

  redact(text: string, censorRules: readonly CensorRule[] = []): Redaction {
    const spans = this.detect(text, censorRules);
    return { text: applyMasks(text, spans), spans };
  }
}
