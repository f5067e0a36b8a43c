import { MASKS, type RedactionType } from './redaction/redaction-span';
import type { Disclosure, Visibility, WithheldPart, WithholdingReason } from './reply-review';

/** What a reviewer decides about a reply (审核, 保密审查). */
export type ReviewDecision = 'approve' | 'reject' | 'withhold';
export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['approve', 'reject', 'withhold'];

/** The disclosure attribute as the API writes it (ASCII), and as it is recorded. */
export const DISCLOSURE_CODES = { proactive: '主动公开', 'on-request': '依申请公开', withheld: '不予公开' } as const satisfies Record<
  string,
  Disclosure
>;
export type DisclosureCode = keyof typeof DISCLOSURE_CODES;

/** The grounds for withholding as the API writes them (ASCII), and as they are recorded. */
export const WITHHELD_REASON_CODES = {
  'state-secret': '国家秘密',
  'commercial-secret': '商业秘密',
  privacy: '个人隐私',
  'internal-process': '内部过程信息',
} as const satisfies Record<string, WithholdingReason>;
export type WithheldReasonCode = keyof typeof WITHHELD_REASON_CODES;

export const VISIBILITIES: readonly Visibility[] = ['public', 'requester-only', 'internal', 'hidden'];

/** The status a review ends in, by decision. */
export const REVIEW_STATUS_OF = { approve: 'approved', reject: 'rejected', withhold: 'withheld' } as const;

export interface DecisionRequest {
  readonly decision: ReviewDecision;
  readonly disclosure: DisclosureCode;
  readonly withheldReason?: WithheldReasonCode;
  readonly visibility: Visibility;
  readonly editedText?: string;
}

/** A rule the decision breaks, naming the field it is about. */
export interface DecisionProblem {
  readonly field: string;
  readonly reason: string;
}

/**
 * Whether the decision holds together: only an approved, actively disclosed (主动公开) reply may be public; a withheld
 * one (不予公开) names its reason and is never public. (A confidential case, 保密, is never public at all: the handler
 * knows which cases are.)
 */
export function decisionProblemOf(request: DecisionRequest): DecisionProblem | undefined {
  const withheld = request.disclosure === 'withheld';
  if ((request.decision === 'withhold') !== withheld)
    return { field: 'disclosure', reason: 'disclosure must be withheld exactly when the decision is withhold' };
  if (withheld && !request.withheldReason)
    return { field: 'withheldReason', reason: 'withheldReason is required when the reply is withheld' };
  if (request.visibility === 'public') {
    if (request.decision !== 'approve') return { field: 'visibility', reason: 'only an approved reply may be public' };
    if (request.disclosure !== 'proactive')
      return { field: 'visibility', reason: 'only a proactively disclosed (主动公开) reply may be public' };
  }
  return undefined;
}

const MASK_TYPES = new Map<string, RedactionType>(Object.entries(MASKS).map(([type, mask]) => [mask, type as RedactionType]));
const MASK_PATTERN = new RegExp(Object.values(MASKS).join('|'), 'g');

/** A part the reviewer masked on top of the redactor's. */
export interface ReviewerMask {
  readonly type: RedactionType;
  readonly start: number;
  readonly end: number;
}

/**
 * What the reviewer masked more, or undefined when `edited` is not `redacted` with some of its stretches replaced by a
 * mask: the reviewer may withhold more, never less. Each piece of `edited` between masks must stand in `redacted`
 * as it is, in order, and each mask covers at least one character there, so a mask the redactor put in cannot be
 * turned back into what it hid, nor deleted. Offsets of the result are in `edited` (UTF-16 code units).
 */
export function reviewerMasksOf(redacted: string, edited: string): ReviewerMask[] | undefined {
  const masks: { type: RedactionType; start: number; end: number }[] = [];
  const literals: string[] = [];
  let last = 0;
  for (const match of edited.matchAll(MASK_PATTERN)) {
    literals.push(edited.slice(last, match.index));
    masks.push({ type: MASK_TYPES.get(match[0])!, start: match.index!, end: match.index! + match[0].length });
    last = match.index! + match[0].length;
  }
  literals.push(edited.slice(last));
  // literal₀ mask₀ literal₁ … maskₙ₋₁ literalₙ: the literals are placed leftmost first, each mask spanning ≥ 1 character.
  if (!redacted.startsWith(literals[0])) return undefined;
  let position = literals[0].length;
  const added: ReviewerMask[] = [];
  for (let index = 0; index < masks.length; index++) {
    const literal = literals[index + 1];
    const isLast = index === masks.length - 1;
    const mask = edited.slice(masks[index].start, masks[index].end);
    // A mask of the redactor's, kept where it was, covers itself (so it is not counted as the reviewer's).
    const keptAt = position + mask.length;
    const kept = redacted.startsWith(mask, position) && (isLast ? redacted.length - literal.length === keptAt : true);
    const at =
      kept && redacted.startsWith(literal, keptAt)
        ? keptAt
        : isLast
          ? redacted.length - literal.length >= position + 1 && redacted.endsWith(literal)
            ? redacted.length - literal.length
            : -1
          : redacted.indexOf(literal, position + 1);
    if (at < 0) return undefined;
    const covered = redacted.slice(position, at);
    if (covered !== mask) added.push(masks[index]);
    position = at + literal.length;
  }
  if (masks.length === 0 && redacted !== edited) return undefined;
  return added;
}

/** A withheld part as the public sees it: what kind of thing and why, not where it was in the reply as written. */
export interface PublicWithheldPart {
  readonly type: string;
  readonly reason: string;
}

/** The text as the reviewer decided it and every part withheld from it, or the rule the decision breaks. */
export type ReviewedText =
  { readonly text: string; readonly withheld: PublicWithheldPart[]; readonly problem?: undefined } | { readonly problem: DecisionProblem };

/**
 * What a decision leaves of a redacted text: the reviewer's `editedText` (or the redacted text as it is), which may
 * only mask more, and the reason for every withheld part, the reviewer's 【已屏蔽】 taking the decision's reason.
 */
export function reviewedTextOf(redactedText: string, withheld: readonly WithheldPart[], request: DecisionRequest): ReviewedText {
  const text = request.editedText ?? redactedText;
  const added = reviewerMasksOf(redactedText, text);
  if (!added)
    return {
      problem: {
        field: 'editedText',
        reason: 'editedText may only mask more of the redacted text: every other character and every mask must stay as it is',
      },
    };
  const censoredReason = request.withheldReason ? WITHHELD_REASON_CODES[request.withheldReason] : undefined;
  if (added.some((mask) => mask.type === 'censored') && !censoredReason)
    return { problem: { field: 'withheldReason', reason: 'withheldReason is required to mask more with 【已屏蔽】' } };
  return {
    text,
    withheld: [
      ...withheld.map(({ type, reason }) => ({ type, reason })),
      ...added.map(({ type }) => ({ type, reason: type === 'censored' ? censoredReason! : '个人隐私' })),
    ],
  };
}
