import { readFileSync } from 'node:fs';
import { JIEBA_DICTIONARY } from './jieba';

/**
 * jieba's exact mode without HMM guesses (`cut(text, false)` of `@node-rs/jieba`), word for word, in TypeScript over a
 * dictionary in jieba's format (`word freq [tag]` lines). Segmenting in the process spares jieba's native trie (about
 * 12 MiB) and a new JS string for every word and mark it hands back; the spec holds the two equal on every text of
 * the shipped training data (and of ../shared/data when it is there).
 *
 * The algorithm is jieba's. Text splits into blocks of Han characters, ASCII letters, digits and `+#&._%-`; the rest
 * is cut into single characters (`\r\n` kept together). In a block, every dictionary word starting at each character
 * is a candidate, scored log(freq) − log(total), and the path of words with the highest sum wins (a character no word
 * starts at counts as a word of frequency 1; between equal sums the longer word wins). Runs of single ASCII letters or
 * digits on that path are joined into one word.
 */
export class DictionarySegmenter {
  /** The node each first UTF-16 code unit leads to from the root (0: none). */
  private readonly rootChildren = new Int32Array(0x10000);
  /** Per node: its children are the nodes firstChild … firstChild + childCount − 1, sorted by code. */
  private readonly firstChild: Int32Array;
  private readonly childCount: Int32Array;
  /** Per node: the code unit that leads to it from its parent. */
  private readonly codes: Uint16Array;
  /** Per node: log(freq) − log(total) of the word ending there, or NaN when no word ends there. */
  private readonly scores: Float64Array;
  /** log(1) − log(total): a character that starts no dictionary word. */
  private readonly unknownScore: number;
  private routeScore = new Float64Array(512);
  private routeEnd = new Int32Array(512);

  /**
   * Builds the trie from the dictionary's bytes without holding its text or its words at once (the build must not
   * raise the service's peak memory): each word goes into a trie of sibling lists, which is then laid out breadth
   * first with every node's children consecutive and sorted by code.
   */
  private constructor(dictionary: Buffer) {
    let capacity = 1;
    forEachEntry(dictionary, (word) => (capacity += utf16Length(word)));
    const next = new Int32Array(capacity); // sibling lists while building
    const first = new Int32Array(capacity);
    const unitOf = new Uint16Array(capacity);
    const freqOf = new Float64Array(capacity).fill(Number.NaN);
    let nodes = 1;
    forEachEntry(dictionary, (word, freq) => {
      let node = 0;
      forEachUtf16Unit(word, (code) => {
        let child = first[node];
        while (child !== 0 && unitOf[child] !== code) child = next[child];
        if (child === 0) {
          child = nodes++;
          unitOf[child] = code;
          next[child] = first[node];
          first[node] = child;
        }
        node = child;
      });
      freqOf[node] = freq; // a word listed twice keeps its last frequency
    });
    if (nodes === 1) throw new Error('the dictionary holds no words');
    let total = 0;
    for (let node = 1; node < nodes; node++) if (!Number.isNaN(freqOf[node])) total += freqOf[node];
    const logTotal = Math.log(total);
    this.unknownScore = Math.log(1) - logTotal;

    // Breadth first: the children of a node get consecutive places, in the order of their codes.
    this.firstChild = new Int32Array(nodes);
    this.childCount = new Int32Array(nodes);
    this.codes = new Uint16Array(nodes);
    this.scores = new Float64Array(nodes);
    const placed = new Int32Array(nodes); // place → node of the sibling-list trie
    let free = 1;
    const children: number[] = [];
    for (let place = 0; place < free; place++) {
      const node = placed[place];
      this.scores[place] = Math.log(freqOf[node]) - logTotal; // NaN where no word ends
      children.length = 0;
      for (let child = first[node]; child !== 0; child = next[child]) children.push(child);
      children.sort((left, right) => unitOf[left] - unitOf[right]);
      this.firstChild[place] = free;
      this.childCount[place] = children.length;
      for (const child of children) {
        placed[free] = child;
        this.codes[free] = unitOf[child];
        if (place === 0) this.rootChildren[unitOf[child]] = free;
        free++;
      }
    }
  }

  /** A dictionary in jieba's format (`word freq [tag]` lines, UTF-8); a word listed twice keeps its last frequency. */
  static fromDictionary(dictionary: Buffer | string): DictionarySegmenter {
    return new DictionarySegmenter(typeof dictionary === 'string' ? Buffer.from(dictionary) : dictionary);
  }

  /** The words of `text` as jieba's `cut(text, false)` gives them. */
  cut(text: string): string[] {
    const words: string[] = [];
    this.visit(text, (start, end) => words.push(text.slice(start, end)));
    return words;
  }

  /** Hands over each word of `cut(text)` in order, as its UTF-16 offsets in `text`, without making its string. */
  visit(text: string, word: (start: number, end: number) => void): void {
    let index = 0;
    while (index < text.length) {
      let end = index;
      while (end < text.length && inBlock(text, end)) end += charLength(text, end);
      if (end > index) {
        this.visitBlock(text, index, end, word);
        index = end;
        continue;
      }
      const length = text.charCodeAt(index) === 0x0d && text.charCodeAt(index + 1) === 0x0a ? 2 : charLength(text, index);
      word(index, index + length);
      index += length;
    }
  }

  private visitBlock(text: string, from: number, to: number, word: (start: number, end: number) => void): void {
    this.reserve(to - from + 1);
    const { routeScore, routeEnd } = this;
    routeScore[to - from] = 0;
    // The best path from each character to the block's end, from the last character back.
    for (let start = to - 1; start >= from; start--) {
      if (start > from && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) continue;
      let bestScore = Number.NEGATIVE_INFINITY;
      let bestEnd = -1;
      let node = this.rootChildren[text.charCodeAt(start)];
      for (let end = start + 1; node !== 0; end++) {
        const score = this.scores[node];
        if (!Number.isNaN(score)) {
          const total = score + routeScore[end - from];
          if (total >= bestScore) {
            bestScore = total;
            bestEnd = end;
          }
        }
        node = end < to ? this.childOf(node, text.charCodeAt(end)) : 0;
      }
      if (bestEnd < 0) {
        bestEnd = start + charLength(text, start);
        bestScore = this.unknownScore + routeScore[bestEnd - from];
      }
      routeScore[start - from] = bestScore;
      routeEnd[start - from] = bestEnd;
    }
    // Walk the path; single ASCII letters and digits next to each other make one word.
    let asciiRun = -1;
    for (let start = from; start < to;) {
      const end = routeEnd[start - from];
      if (end - start === 1 && isAsciiAlphanumeric(text.charCodeAt(start))) {
        if (asciiRun < 0) asciiRun = start;
      } else {
        if (asciiRun >= 0) word(asciiRun, start);
        asciiRun = -1;
        word(start, end);
      }
      start = end;
    }
    if (asciiRun >= 0) word(asciiRun, to);
  }

  private childOf(node: number, code: number): number {
    let low = this.firstChild[node];
    let high = low + this.childCount[node] - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = this.codes[middle];
      if (found === code) return middle;
      if (found < code) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  private reserve(length: number): void {
    if (this.routeScore.length >= length) return;
    this.routeScore = new Float64Array(length * 2);
    this.routeEnd = new Int32Array(length * 2);
  }
}

let shared: DictionarySegmenter | undefined;

/** The process's one segmenter over the shipped dictionary (libs/text/data). The first call builds it (about 0.1 s). */
export function sharedDictionarySegmenter(): DictionarySegmenter {
  shared ??= DictionarySegmenter.fromDictionary(readFileSync(JIEBA_DICTIONARY));
  return shared;
}

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

/** Calls `entry` with the word (a view of the bytes) and frequency of each non-blank line, as jieba reads them. */
function forEachEntry(dictionary: Buffer, entry: (word: Buffer, freq: number) => void): void {
  const blank = (byte: number) => byte === SPACE || byte === TAB || byte === RETURN;
  let line = 1;
  for (let start = 0; start < dictionary.length; line++) {
    let end = dictionary.indexOf(NEWLINE, start);
    if (end < 0) end = dictionary.length;
    let wordStart = start;
    while (wordStart < end && blank(dictionary[wordStart])) wordStart++;
    let wordEnd = wordStart;
    while (wordEnd < end && !blank(dictionary[wordEnd])) wordEnd++;
    let freqStart = wordEnd;
    while (freqStart < end && blank(dictionary[freqStart])) freqStart++;
    let freqEnd = freqStart;
    let freq = 0;
    for (; freqEnd < end && dictionary[freqEnd] >= 0x30 && dictionary[freqEnd] <= 0x39; freqEnd++)
      freq = freq * 10 + dictionary[freqEnd] - 0x30;
    if (wordEnd > wordStart) {
      if (freqEnd === freqStart || (freqEnd < end && !blank(dictionary[freqEnd])))
        throw new Error(`dictionary line ${line}: "${dictionary.toString('utf8', start, end).trim()}" has no frequency`);
      entry(dictionary.subarray(wordStart, wordEnd), freq);
    }
    start = end + 1;
  }
}

/** UTF-16 units of UTF-8 bytes: one per character, two for a character beyond the BMP (a 4-byte sequence). */
function utf16Length(bytes: Buffer): number {
  let units = 0;
  for (const byte of bytes) if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
  return units;
}

/** The UTF-16 code units of UTF-8 bytes, decoded without making a string (the dictionary's 78,000 words). */
function forEachUtf16Unit(bytes: Buffer, unit: (code: number) => void): void {
  for (let index = 0; index < bytes.length;) {
    const lead = bytes[index];
    const length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    let code = length === 1 ? lead : lead & (0xff >> (length + 1));
    for (let next = 1; next < length; next++) code = (code << 6) | (bytes[index + next] & 0x3f);
    if (code > 0xffff) {
      unit(0xd800 + ((code - 0x10000) >> 10));
      unit(0xdc00 + ((code - 0x10000) & 0x3ff));
    } else unit(code);
    index += length;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** UTF-16 units of the character at `index`: 2 for a surrogate pair. */
function charLength(text: string, index: number): number {
  return isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * jieba's block characters (its RE_HAN_DEFAULT): the CJK unified ideographs (BMP and the supplementary planes'
 * extensions), compatibility ideographs, ASCII letters and digits, and `+#&._%-`.
 */
function inBlock(text: string, index: number): boolean {
  const code = text.codePointAt(index)!;
  if (code < 0x80)
    return (
      isAsciiAlphanumeric(code) ||
      code === 0x2b ||
      code === 0x23 ||
      code === 0x26 ||
      code === 0x2e ||
      code === 0x5f ||
      code === 0x25 ||
      code === 0x2d
    );
  return (
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x2a6df) ||
    (code >= 0x2a700 && code <= 0x2ebef) ||
    (code >= 0x2f800 && code <= 0x2fa1f)
  );
}
