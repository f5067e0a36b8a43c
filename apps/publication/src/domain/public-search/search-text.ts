import { MASKS } from '../redaction/redaction-span';

/**
 * Chinese full text without a Chinese parser in PostgreSQL: the service cuts the text into tokens (jieba's search-mode
 * words and the character bigrams of every run of Han characters, plus every run of other letters and digits), and
 * PostgreSQL indexes them as they are (`to_tsvector('simple', …)`, GIN). A query term finds a text only when every
 * one of its tokens is there (the index) and the term itself is in the text (the exact recheck).
 */

/** Cuts a text into words the way a search engine indexes it (jieba's `cutForSearch`). */
export type SearchWordCutter = (text: string) => string[];

const HAN_RUN = /\p{Script=Han}+/gu;
/** Letters and digits of other scripts, one run a token (Latin words, numbers, kana). */
const OTHER_RUN = /[\p{L}\p{N}]+/gu;
const WORD = /^[\p{L}\p{N}]+$/u;
const MASK_PATTERN = new RegExp(Object.values(MASKS).join('|'), 'g');

/** Full-width forms folded (ＡＢＣ１２ → abc12) and lower case, so that a query finds what a reader would call the same. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A mask stands for something withheld: nobody finds a reply by 姓名 because a name was masked in it. */
const withoutMasks = (text: string) => text.replace(MASK_PATTERN, ' ');

/** The bigrams of each Han run (a lone character has none), and each run of other letters and digits. */
function characterTokensOf(normalized: string): string[] {
  const tokens: string[] = [];
  for (const [run] of normalized.matchAll(HAN_RUN)) {
    const characters = [...run];
    for (let index = 0; index + 1 < characters.length; index++) tokens.push(characters[index] + characters[index + 1]);
  }
  for (const [run] of normalized.replace(HAN_RUN, ' ').matchAll(OTHER_RUN)) tokens.push(run);
  return tokens;
}

/** What a published text is indexed by, as one string for `to_tsvector('simple', …)`: bigrams and runs, then jieba's words. */
export function searchDocumentOf(text: string, cutForSearch: SearchWordCutter): string {
  const normalized = normalizeForSearch(withoutMasks(text));
  const words = cutForSearch(normalized).filter((word) => [...word].length >= 2 && WORD.test(word));
  return [...characterTokensOf(normalized), ...words].join(' ');
}

/** A search: each term must be in the text as it is written; `tokens` are what the index must hold for that. */
export interface SearchQuery {
  readonly terms: readonly string[];
  readonly tokens: readonly string[];
}

export const MAX_QUERY_TERMS = 8;

/**
 * The terms of a query (separated by white space; each is rechecked exactly, so `垃圾清运` is a phrase) and their
 * tokens; undefined when a term has no token to look up (a lone Han character, punctuation alone).
 */
export function searchQueryOf(q: string): SearchQuery | undefined {
  const terms = [
    ...new Set(
      normalizeForSearch(q)
        .split(/\s+/u)
        .filter((term) => term.length > 0),
    ),
  ];
  if (terms.length === 0 || terms.length > MAX_QUERY_TERMS) return undefined;
  const tokens = new Set<string>();
  for (const term of terms) {
    const own = characterTokensOf(term);
    if (own.length === 0) return undefined;
    for (const token of own) tokens.add(token);
  }
  return { terms, tokens: [...tokens] };
}

/** The tokens as a `to_tsquery('simple', …)` where all must be present (tokens hold only letters and digits). */
export function tsqueryOf(tokens: readonly string[]): string {
  return tokens.map((token) => `'${token}'`).join(' & ');
}

/** A piece of a published text around the first place a term is found, and where each term stands in it. */
export interface Snippet {
  readonly text: string;
  /** Offsets in `text`, in UTF-16 code units, `end` exclusive. */
  readonly highlights: { start: number; end: number }[];
}

const SNIPPET_BEFORE = 30;
const SNIPPET_LENGTH = 120;

/** The snippet shown in a result list: the first hit with some text before it, every term's places marked. */
export function snippetOf(text: string, terms: readonly string[]): Snippet {
  const normalized = normalizeForSearch(text);
  // Folding kept the offsets (the usual case): the hits in the folded text are hits in the text.
  const comparable = normalized.length === text.length;
  const first = comparable ? Math.min(...terms.map((term) => normalized.indexOf(term)).filter((at) => at >= 0)) : Infinity;
  let start = Number.isFinite(first) ? Math.max(0, first - SNIPPET_BEFORE) : 0;
  if (/[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (/[\uDC00-\uDFFF]/.test(text[end] ?? '')) end++;
  const highlights: { start: number; end: number }[] = [];
  if (comparable) {
    const window = normalized.slice(start, end);
    for (const term of terms)
      for (let at = window.indexOf(term); at >= 0; at = window.indexOf(term, at + term.length))
        highlights.push({ start: at, end: Math.min(at + term.length, window.length) });
  }
  highlights.sort((a, b) => a.start - b.start);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return {
    text: prefix + text.slice(start, end) + suffix,
    highlights: highlights.map((highlight) => ({ start: highlight.start + prefix.length, end: highlight.end + prefix.length })),
  };
}
