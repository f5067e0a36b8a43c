import { characterBigrams } from './similarity';

/** A knowledge-base entry (知识库): a common consultation and its answer, for instant answers (即办). */
export interface KnowledgeEntry {
  readonly code: string;
  /** The category (code) whose question this is. */
  readonly category: string;
  /** Ways people ask it. */
  readonly questions: readonly string[];
  /** Words that must all occur in the consultation; `|` separates alternatives (`提取|取出`). */
  readonly keywords: readonly string[];
  readonly answer: string;
}

export interface KnowledgeProblem {
  readonly path: string;
  readonly message: string;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every(isText);

/** The problems of a catalog's `answers` list (optional); `isCategory` says whether a code names a category. */
export function knowledgeBaseProblems(raw: unknown, isCategory: (code: string) => boolean): KnowledgeProblem[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return [{ path: 'answers', message: 'must be a list' }];
  const problems: KnowledgeProblem[] = [];
  const seen = new Set<string>();
  raw.forEach((entry: Partial<Record<keyof KnowledgeEntry, unknown>>, index) => {
    const path = `answers[${index}]`;
    if (typeof entry !== 'object' || entry === null) return problems.push({ path, message: 'must be an object' });
    if (!isText(entry.code)) problems.push({ path: `${path}.code`, message: 'is required' });
    else if (seen.has(entry.code)) problems.push({ path: `${path}.code`, message: `${entry.code} is listed twice` });
    else seen.add(entry.code);
    if (!isText(entry.category) || !isCategory(entry.category))
      problems.push({ path: `${path}.category`, message: `unknown category ${JSON.stringify(entry.category)}` });
    if (!isTextList(entry.questions)) problems.push({ path: `${path}.questions`, message: 'must list at least one question' });
    if (!isTextList(entry.keywords)) problems.push({ path: `${path}.keywords`, message: 'must list at least one keyword' });
    if (!isText(entry.answer)) problems.push({ path: `${path}.answer`, message: 'is required' });
  });
  return problems;
}

/** Courtesies that say nothing about the matter. */
const COURTESIES = /请问一下|请问|您好|你好|我想问一下|想问一下|我想咨询一下|我想咨询|咨询一下|谢谢你们|谢谢|麻烦了/g;

/**
 * How well an entry answers a consultation, from 0 to 1: 0 unless every keyword (or one of its alternatives)
 * occurs; else the share of the consultation's character bigrams (courtesies left out) found in the entry's
 * questions and keywords. A consultation that asks the entry's question and nothing more scores near 1; one that
 * also raises another matter scores lower and goes to a department.
 */
export function answerConfidence(text: string, entry: KnowledgeEntry): number {
  if (!entry.keywords.every((keyword) => keyword.split('|').some((alternative) => text.includes(alternative)))) return 0;
  const asked = characterBigrams(text.replace(COURTESIES, ''));
  if (asked.size === 0) return 0;
  const known = new Set(
    [...entry.questions, ...entry.keywords.flatMap((keyword) => keyword.split('|'))].flatMap((phrase) => [...characterBigrams(phrase)]),
  );
  let explained = 0;
  for (const bigram of asked) if (known.has(bigram)) explained++;
  return explained / asked.size;
}

/**
 * The entry that answers a consultation with at least `threshold` confidence, the most confident first (ties to the
 * one listed first); only entries of the case's category when it has one.
 */
export function instantAnswer(
  consultation: { readonly text: string; readonly categoryCode?: string },
  entries: readonly KnowledgeEntry[],
  threshold: number,
): { readonly entry: KnowledgeEntry; readonly confidence: number } | undefined {
  let best: { entry: KnowledgeEntry; confidence: number } | undefined;
  for (const entry of entries) {
    if (consultation.categoryCode && consultation.categoryCode !== entry.category) continue;
    const confidence = answerConfidence(consultation.text, entry);
    if (confidence >= threshold && (!best || confidence > best.confidence)) best = { entry, confidence };
  }
  return best;
}
