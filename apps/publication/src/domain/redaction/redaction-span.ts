/** What a withheld part of a text is. */
export type RedactionType = 'name' | 'address' | 'phone' | 'id-number' | 'bank-card' | 'email' | 'plate' | 'censored';

/** A withheld part: offsets in UTF-16 code units of the input, `end` exclusive. */
export interface RedactionSpan {
  readonly type: RedactionType;
  readonly start: number;
  readonly end: number;
  /** Why it was withheld, where a rule says so (censor rules); personal data needs no more than its type. */
  readonly reason?: string;
}

/** What a reader sees in place of each type (one mask a type, so a reader still knows what kind of thing was there). */
export const MASKS: Readonly<Record<RedactionType, string>> = {
  name: '【姓名】',
  address: '【地址】',
  phone: '【电话】',
  'id-number': '【身份证号】',
  'bank-card': '【银行卡号】',
  email: '【邮箱】',
  plate: '【车牌】',
  censored: '【已屏蔽】',
};

/** Every match of `pattern` (which must have the `g` flag) as spans of `type`; `accept` may veto a match. */
export function spansOf(
  text: string,
  pattern: RegExp,
  type: RedactionType,
  accept: (match: RegExpExecArray) => boolean = () => true,
): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (accept(match)) spans.push({ type, start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** A span never splits a surrogate pair: a half of an emoji left unmasked would be a broken character. */
function widenToCharacters(text: string, span: RedactionSpan): RedactionSpan {
  const isLow = (index: number) =>
    index > 0 && index < text.length && /[\uDC00-\uDFFF]/.test(text[index]) && /[\uD800-\uDBFF]/.test(text[index - 1]);
  const start = isLow(span.start) ? span.start - 1 : span.start;
  const end = isLow(span.end) ? span.end + 1 : span.end;
  return start === span.start && end === span.end ? span : { ...span, start, end };
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

/**
 * Overlapping or touching spans of one type become one span, except two names of Chinese characters side by
 * side, which are two people (记者季小舟胡金华); a name cut at a dot or a Latin part (杰夫•|莫雷尔) is joined again.
 */
function unionByType(text: string, spans: readonly RedactionSpan[]): RedactionSpan[] {
  const sorted = [...spans].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.start - b.start));
  const united: RedactionSpan[] = [];
  const twoPeople = (a: RedactionSpan, b: RedactionSpan) =>
    a.type === 'name' && HAN_ONLY.test(text.slice(a.start, a.end)) && HAN_ONLY.test(text.slice(b.start, b.end));
  for (const span of sorted) {
    const last = united[united.length - 1];
    if (last && last.type === span.type && (span.start < last.end || (span.start === last.end && !twoPeople(last, span))))
      united[united.length - 1] = { ...last, end: Math.max(last.end, span.end) };
    else united.push(span);
  }
  return united;
}

/**
 * One set of disjoint spans, in text order. Where spans of different types overlap, the one found by the
 * surer detector wins (earlier in `priority`), and among equals the longer; the part of a loser that sticks
 * out is kept as its own span, so that nothing once detected is ever shown.
 */
export function mergeSpans(text: string, spans: readonly RedactionSpan[], priority: readonly RedactionType[]): RedactionSpan[] {
  const rank = (type: RedactionType) => {
    const index = priority.indexOf(type);
    return index < 0 ? priority.length : index;
  };
  const ordered = unionByType(
    text,
    spans.filter((span) => span.end > span.start).map((span) => widenToCharacters(text, span)),
  ).sort((a, b) => rank(a.type) - rank(b.type) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const owner: (number | undefined)[] = new Array(text.length);
  ordered.forEach((span, spanIndex) => {
    for (let index = span.start; index < Math.min(span.end, text.length); index++) owner[index] ??= spanIndex;
  });
  const merged: RedactionSpan[] = [];
  for (let index = 0; index < text.length; index++) {
    const spanIndex = owner[index];
    if (spanIndex === undefined) continue;
    const last = merged[merged.length - 1];
    if (last && last.end === index && owner[index - 1] === spanIndex) merged[merged.length - 1] = { ...last, end: index + 1 };
    else {
      const { type, reason } = ordered[spanIndex];
      merged.push(reason === undefined ? { type, start: index, end: index + 1 } : { type, start: index, end: index + 1, reason });
    }
  }
  return merged;
}

/** The text with each span replaced by its type's mask. `spans` must be disjoint and in order (see mergeSpans). */
export function applyMasks(text: string, spans: readonly RedactionSpan[]): string {
  let redacted = '';
  let cursor = 0;
  for (const span of spans) {
    redacted += text.slice(cursor, span.start) + MASKS[span.type];
    cursor = span.end;
  }
  return redacted + text.slice(cursor);
}
