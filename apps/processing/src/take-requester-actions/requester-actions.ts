import { Events, timestampDate, type CaseEvaluated, type CaseSupplemented, type CaseWithdrawn, type RedoRequested } from '@ugov/contracts';
import type { Actor } from '../infra/assignment-transitions';

/**
 * What processing does on the requester's account, queued from intake's self-service events (in the inbox's
 * transaction) until it is applied to the case's assignments (see ApplyRequesterActions).
 */
export type RequesterAction =
  | { readonly kind: 'withdraw'; readonly reason: string; readonly actor: Actor }
  | {
      readonly kind: 'supplement';
      readonly supplementId: string;
      readonly text: string;
      readonly attachmentUrls: readonly string[];
      readonly at: string;
      readonly actor: Actor;
    }
  | { readonly kind: 'redo'; readonly assignmentId: string; readonly reason: string; readonly actor: Actor };

/** The worst rating that still orders a redo by itself: 1 非常不满意 and 2 不满意 are bad ratings. */
export const BAD_RATING = 2;

const actorOf = (actor: { subject: string; roles: string[] } | undefined): Actor => ({
  subject: actor?.subject ?? '',
  roles: [...(actor?.roles ?? [])],
  departmentCode: '',
  keyId: '',
});

export const withdrawalOf = (event: CaseWithdrawn): RequesterAction => ({
  kind: 'withdraw',
  reason: event.reason,
  actor: actorOf(event.actor),
});

export const supplementOf = (event: CaseSupplemented): RequesterAction => ({
  kind: 'supplement',
  supplementId: event.supplementId,
  text: event.text,
  attachmentUrls: [...event.attachmentUrls],
  at: (event.supplementedAt ? timestampDate(event.supplementedAt) : new Date()).toISOString(),
  actor: actorOf(event.actor),
});

/** An assignment id that can name an assignment at all: anything else names none, and orders nothing. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const redoRequestOf = (event: RedoRequested): RequesterAction | null =>
  UUID.test(event.assignmentId)
    ? { kind: 'redo', assignmentId: event.assignmentId, reason: event.reason, actor: actorOf(event.actor) }
    : null;

/**
 * The rule of a bad rating (差评): the first rating of a reply at BAD_RATING or worse orders one redo of the rated
 * assignment, as a redo request would. A re-rating never does: after the redo, what a bad re-rating calls for is
 * supervision's rectification (整改), not another redo. Anything else orders nothing.
 */
export function redoOfRating(event: CaseEvaluated): RequesterAction | null {
  if (event.reRating || event.rating < 1 || event.rating > BAD_RATING || !UUID.test(event.assignmentId)) return null;
  const reason = `差评（${event.rating}/5）${event.comment ? `：${event.comment}` : ''}`;
  return { kind: 'redo', assignmentId: event.assignmentId, reason, actor: actorOf(event.actor) };
}

/** The topics processing takes the requester's doing from. */
export const REQUESTER_EVENTS = [Events.caseWithdrawn, Events.caseSupplemented, Events.redoRequested, Events.caseEvaluated] as const;
