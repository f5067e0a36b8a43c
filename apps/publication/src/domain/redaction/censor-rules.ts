import { spansOf, type RedactionSpan } from './redaction-span';

/** Where a censor rule applies, as in Alaveteli: one case, every case of a department, or the whole site. */
export type CensorScope = 'case' | 'department' | 'site';

/** Text that must never be published: a literal (exact text) or a pattern (a regular expression), with the reason shown to reviewers. */
export interface CensorRule {
  readonly scope: CensorScope;
  readonly kind: 'literal' | 'pattern';
  readonly text: string;
  readonly reason: string;
}

const LONGEST_PATTERN = 200;
/** A quantified group that is itself quantified ((a+)+, (a*)*) can take exponential time on a crafted reply. */
const NESTED_QUANTIFIER = /\([^)]*[+*}][^)]*\)\s*[+*{]/;

/** Why a rule cannot be used, or undefined when it can. */
export function censorRuleProblem(rule: CensorRule): string | undefined {
  if (!rule.text) return 'text must not be empty';
  if (!rule.reason.trim()) return 'reason must say why the text is withheld';
  if (rule.kind === 'literal') return undefined;
  if (rule.text.length > LONGEST_PATTERN) return `a pattern must be at most ${LONGEST_PATTERN} characters long`;
  if (NESTED_QUANTIFIER.test(rule.text)) return 'a pattern must not repeat a repeated group (it could run for ever)';
  if (/\\\d/.test(rule.text)) return 'a pattern must not use back-references';
  let pattern: RegExp;
  try {
    pattern = new RegExp(rule.text, 'u');
  } catch (error) {
    return `the pattern is not a regular expression: ${(error as Error).message}`;
  }
  if (pattern.test('')) return 'a pattern must not match empty text';
  return undefined;
}

function escapeForPattern(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Spans withheld by the rules that apply to this text (the caller picks the case's, its department's and the site's). */
export function censorSpans(text: string, rules: readonly CensorRule[]): RedactionSpan[] {
  return rules.flatMap((rule) => {
    if (censorRuleProblem(rule)) return [];
    const pattern = new RegExp(rule.kind === 'literal' ? escapeForPattern(rule.text) : rule.text, 'gu');
    return spansOf(text, pattern, 'censored').map((span) => ({ ...span, reason: rule.reason }));
  });
}
