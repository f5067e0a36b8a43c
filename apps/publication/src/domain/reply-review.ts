import type { Redaction } from './redaction/redactor';
import type { RedactionSpan, RedactionType } from './redaction/redaction-span';

/** The disclosure attribute of a reply or a piece of government information. */
export type Disclosure = '主动公开' | '依申请公开' | '不予公开';
/** Who may see it. */
export type Visibility = 'public' | 'requester-only' | 'internal' | 'hidden';
/** The grounds on which information is withheld. */
export type WithholdingReason = '国家秘密' | '商业秘密' | '个人隐私' | '内部过程信息';
export const WITHHOLDING_REASONS: readonly WithholdingReason[] = ['国家秘密', '商业秘密', '个人隐私', '内部过程信息'];

/** A withheld part of a reply and why: what the reviewer sees beside the redacted text. */
export interface WithheldPart {
  readonly type: RedactionType;
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

/** The reply as it waits for review (审核, 保密审查): nothing is public before a reviewer approves it. */
export interface ReplyReviewProposal {
  readonly redactedText: string;
  readonly withheld: readonly WithheldPart[];
  readonly disclosure: Disclosure;
  readonly disclosureReason: string | null;
  readonly visibility: Visibility;
  readonly reviewStatus: 'awaiting-review';
}

/** Personal data is withheld as 个人隐私; a censor rule gives its own reason. */
export function withheldPartsOf(spans: readonly RedactionSpan[]): WithheldPart[] {
  return spans.map(({ type, start, end, reason }) => ({ type, start, end, reason: type === 'censored' && reason ? reason : '个人隐私' }));
}

/** A reply that is nearly all withheld has no separable part worth publishing. */
const MOSTLY_WITHHELD = 0.9;

/**
 * What to propose for a department's reply: published actively (主动公开) with the withheld parts masked,
 * so separable parts go out with the reason for what was withheld; or not published (不予公开) when almost
 * nothing would be left, with the reason that withheld most. Until reviewed only the requester sees it.
 */
export function proposeReplyReview(replyText: string, redaction: Redaction): ReplyReviewProposal {
  const withheld = withheldPartsOf(redaction.spans);
  const visible = replyText.replace(/\s/g, '').length;
  const withheldLength = withheld.reduce((total, part) => total + replyText.slice(part.start, part.end).replace(/\s/g, '').length, 0);
  const mostlyWithheld = visible > 0 && withheldLength / visible >= MOSTLY_WITHHELD;
  let disclosureReason: string | null = null;
  if (mostlyWithheld) {
    const lengthByReason = new Map<string, number>();
    for (const part of withheld) lengthByReason.set(part.reason, (lengthByReason.get(part.reason) ?? 0) + part.end - part.start);
    disclosureReason = [...lengthByReason].sort((a, b) => b[1] - a[1])[0][0];
  }
  return {
    redactedText: redaction.text,
    withheld,
    disclosure: mostlyWithheld ? '不予公开' : '主动公开',
    disclosureReason,
    visibility: 'requester-only',
    reviewStatus: 'awaiting-review',
  };
}
