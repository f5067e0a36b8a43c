import { DomainError } from '@ugov/domain';

/**
 * The rules of what a requester may do to their request after submitting it (self-service), from what intake
 * knows of the case: the replies processing sent (each reply of an assignment, a redo's reply included) and what
 * the requester did before. Every refusal is a conflict (409) with its own code.
 */

/** One reply of the case, as intake recorded it from case-replied: an assignment may reply again after a redo. */
export interface ReplyRef {
  readonly assignmentId: string;
  readonly departmentCode: string;
  readonly repliedAt: Date;
}

export interface Standing {
  readonly withdrawn: boolean;
  /** Oldest first. */
  readonly replies: readonly ReplyRef[];
  readonly evaluations: readonly (ReplyRef & { readonly rating: number; readonly reRating: boolean })[];
  readonly redoRequests: readonly ReplyRef[];
}

/** 1 非常不满意 and 2 不满意: a bad rating, which orders a redo by itself (see processing's rule). */
export const BAD_RATING = 2;

const conflict = (code: string, message: string) => new DomainError('conflict', message, code);

const sameReply = (a: ReplyRef, b: ReplyRef) => a.assignmentId === b.assignmentId && a.repliedAt.getTime() === b.repliedAt.getTime();

const latestReply = (standing: Standing): ReplyRef | undefined => standing.replies[standing.replies.length - 1];

/** Whether the requester asked for the reply to be redone: by a redo request, or by rating it badly the first time. */
function redoAsked(standing: Standing, reply: ReplyRef): boolean {
  return (
    standing.redoRequests.some((request) => sameReply(request, reply)) ||
    standing.evaluations.some((evaluation) => sameReply(evaluation, reply) && !evaluation.reRating && evaluation.rating <= BAD_RATING)
  );
}

function requireNotWithdrawn(standing: Standing): void {
  if (standing.withdrawn) throw conflict('case-withdrawn', 'the request has been withdrawn');
}

function requireReply(standing: Standing): ReplyRef {
  const reply = latestReply(standing);
  if (!reply) throw conflict('case-not-replied', 'the request has not been replied to yet');
  return reply;
}

/** 补充: while the case is open, before its reply or once a redo of the reply is asked for. */
export function checkSupplement(standing: Standing): void {
  requireNotWithdrawn(standing);
  const reply = latestReply(standing);
  if (reply && !redoAsked(standing, reply)) {
    throw conflict('case-closed', 'the request has been replied to: ask for a redo to add information');
  }
}

/** 撤回: only before the reply, and once. */
export function checkWithdrawal(standing: Standing): void {
  requireNotWithdrawn(standing);
  if (standing.replies.length > 0) throw conflict('case-replied', 'the request has been replied to: it can no longer be withdrawn');
}

/**
 * 好差评: the latest reply, once. A rating after an earlier one (of a reply before a redo, i.e. after rectification)
 * is the re-rating, allowed once per case.
 */
export function checkEvaluation(standing: Standing): { reply: ReplyRef; reRating: boolean } {
  requireNotWithdrawn(standing);
  const reply = requireReply(standing);
  if (standing.evaluations.some((evaluation) => sameReply(evaluation, reply))) {
    throw conflict('reply-already-evaluated', 'the latest reply has already been evaluated');
  }
  const reRating = standing.evaluations.length > 0;
  if (reRating && standing.evaluations.some((evaluation) => evaluation.reRating)) {
    throw conflict('re-rating-used', 'the one re-rating allowed after a redo has been used');
  }
  return { reply, reRating };
}

/** 重办: of the latest reply, once per reply, and at most `limit` times per case. */
export function checkRedoRequest(standing: Standing, limit: number): { reply: ReplyRef; requestCount: number } {
  requireNotWithdrawn(standing);
  const reply = requireReply(standing);
  if (redoAsked(standing, reply)) throw conflict('redo-already-requested', 'a redo of the latest reply has already been asked for');
  if (standing.redoRequests.length >= limit) {
    throw conflict('redo-limit-reached', `the requester may ask for a redo at most ${limit} time(s) per request`);
  }
  return { reply, requestCount: standing.redoRequests.length + 1 };
}
