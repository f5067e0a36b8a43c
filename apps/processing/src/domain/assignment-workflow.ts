import { DomainError } from '@ugov/domain';

/**
 * An assignment's life in the department:
 *
 *   assigned ──sign 签收──▶ signed ──start──▶ in-progress ──reply 办结──▶ replied ──redo 重办──▶ in-progress
 *      │                     │  ▲                │  ▲
 *      └─return 退单─▶ returned │  └──answered / expired / ended──┘  │
 *                            └──clarification / consultation──▶ awaiting-clarification | in-consultation
 *
 * A co-handler's assignment ends in `reported` (its part went to the lead) or `released` (dispatch let it go).
 * The requester's withdrawal (撤回) ends any open assignment of the case as `withdrawn`; a replied one stays replied.
 * An extension (延期), supervision notices (督办, 催办) and the requester's supplements (补充) ride along without
 * changing the status.
 */
export type AssignmentStatus =
  | 'assigned'
  | 'signed'
  | 'in-progress'
  | 'awaiting-clarification'
  | 'in-consultation'
  | 'replied'
  | 'returned'
  | 'reported'
  | 'released'
  | 'withdrawn';

export const ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = [
  'assigned',
  'signed',
  'in-progress',
  'awaiting-clarification',
  'in-consultation',
  'replied',
  'returned',
  'reported',
  'released',
  'withdrawn',
];

/** Statuses in which nothing more is expected of the department (a replied case may still be sent back for redo). */
export const CLOSED_STATUSES: readonly AssignmentStatus[] = ['replied', 'returned', 'reported', 'released', 'withdrawn'];

export type ReplyOutcome = 'resolved' | 'explained' | 'not-resolvable';
export type HandlingRole = 'lead' | 'co-handler';
export type PauseKind = 'clarification' | 'consultation';
export type PauseEnd = 'answered' | 'expired' | 'ended';
export type NoticeKind = 'supervision-order' | 'reminder';

export interface Reply {
  readonly text: string;
  readonly outcome: ReplyOutcome;
  /** Why the matter cannot be resolved; required for that outcome, so the requester is told. */
  readonly reason?: string;
}

/** 延期: asked for once, decided by dispatch; the reason is shown to the requester. */
export interface Extension {
  readonly reason: string;
  readonly requestedAt: Date;
  readonly requestedDeadline: Date;
  readonly decision: 'pending' | 'approved' | 'refused';
  readonly decidedAt: Date | null;
  readonly decisionReason: string | null;
}

/** The clock stands still while the requester is asked to clarify, or a third party is consulted. */
export interface Pause {
  readonly kind: PauseKind;
  readonly question: string;
  readonly since: Date;
  /** When waiting for the requester stops anyway; a consultation waits until the department ends it. */
  readonly until: Date | null;
}

export interface CoHandler {
  readonly departmentCode: string;
  readonly assignmentId: string;
  readonly state: 'pending' | 'reported' | 'released';
  readonly part: string | null;
  readonly at: Date | null;
}

/** A supervision order (督办) or a reminder (催办) on the assignment, to be acknowledged by the department. */
export interface Notice {
  readonly id: string;
  readonly kind: NoticeKind;
  readonly text: string;
  readonly issuedAt: Date;
  readonly acknowledgedAt: Date | null;
}

/** Information the requester added to the case after submitting it (补充), for every department handling it. */
export interface Supplement {
  readonly id: string;
  readonly text: string;
  readonly attachmentUrls: readonly string[];
  readonly at: Date;
}

export interface AssignmentState {
  readonly id: string;
  readonly departmentCode: string;
  readonly status: AssignmentStatus;
  readonly assignedAt: Date;
  /** The deadline in force: moved by pauses, an approved extension or a redo. */
  readonly deadline: Date;
  /** The deadline dispatch set; `originalDeadline − assignedAt` is the original limit an extension may add at most. */
  readonly originalDeadline: Date;
  readonly signedAt: Date | null;
  readonly startedAt: Date | null;
  readonly repliedAt: Date | null;
  readonly returnedAt: Date | null;
  readonly handlingRole: HandlingRole;
  readonly leadAssignmentId: string | null;
  readonly coHandlers: readonly CoHandler[];
  readonly extension: Extension | null;
  readonly pause: Pause | null;
  readonly redoCount: number;
  readonly notices: readonly Notice[];
  readonly supplements: readonly Supplement[];
  /** Why the requester withdrew the case, once the assignment is withdrawn. */
  readonly withdrawalReason: string | null;
}

const conflict = (code: string, message: string) => new DomainError('conflict', message, code);
const invalid = (code: string, message: string) => new DomainError('invalid', message, code);

function requireText(text: string | undefined, field: string, code = 'reason-required'): void {
  if (!text?.trim()) throw invalid(code, `${field} is required`);
}

function requireStatus(assignment: AssignmentState, allowed: readonly AssignmentStatus[], doing: string): void {
  if (allowed.includes(assignment.status)) return;
  const specific: Partial<Record<AssignmentStatus, string>> = {
    assigned: 'assignment-not-signed',
    replied: 'assignment-already-replied',
    returned: 'assignment-returned',
    reported: 'assignment-reported',
    released: 'assignment-released',
    withdrawn: 'assignment-withdrawn',
    'awaiting-clarification': 'assignment-paused',
    'in-consultation': 'assignment-paused',
  };
  throw conflict(
    specific[assignment.status] ?? 'assignment-wrong-status',
    `assignment ${assignment.id} is ${assignment.status}: it cannot ${doing} (only when ${allowed.join(' or ')})`,
  );
}

function requireRole(assignment: AssignmentState, role: HandlingRole, doing: string): void {
  if (assignment.handlingRole === role) return;
  throw conflict(
    role === 'lead' ? 'co-handler-reports-to-lead' : 'assignment-is-lead',
    role === 'lead'
      ? `assignment ${assignment.id} is a co-handler's: it cannot ${doing}; it submits its part to the lead`
      : `assignment ${assignment.id} is the lead's: it cannot ${doing}`,
  );
}

const WORKING: readonly AssignmentStatus[] = ['signed', 'in-progress'];
const OPEN: readonly AssignmentStatus[] = ['assigned', 'signed', 'in-progress', 'awaiting-clarification', 'in-consultation'];

export function signAssignment<State extends AssignmentState>(assignment: State, at: Date): State {
  if (assignment.status === 'withdrawn') requireStatus(assignment, ['assigned'], 'be signed for');
  if (assignment.status !== 'assigned') {
    throw conflict(
      'assignment-already-signed',
      `assignment ${assignment.id} was already signed for at ${assignment.signedAt?.toISOString()}`,
    );
  }
  return { ...assignment, status: 'signed', signedAt: at };
}

/** 退单: only before sign-off, with a reason dispatch can act on. A co-handler is released by dispatch instead. */
export function returnAssignment<State extends AssignmentState>(assignment: State, reason: string, at: Date): State {
  if (assignment.status === 'withdrawn') requireStatus(assignment, ['assigned'], 'be returned');
  if (assignment.status !== 'assigned') {
    throw conflict('return-after-sign-off', `assignment ${assignment.id} is ${assignment.status}: it can be returned only before sign-off`);
  }
  requireRole(assignment, 'lead', 'be returned');
  requireText(reason, 'reason');
  return { ...assignment, status: 'returned', returnedAt: at };
}

export function startHandling<State extends AssignmentState>(assignment: State, at: Date): State {
  requireStatus(assignment, ['signed'], 'start');
  return { ...assignment, status: 'in-progress', startedAt: at };
}

/**
 * 办结. From signed too (starting is implied). The lead closes the case only when every co-handler has reported
 * or been released, and only once every supervision notice is acknowledged.
 */
export function replyToAssignment<State extends AssignmentState>(assignment: State, reply: Reply, at: Date): State {
  requireStatus(assignment, WORKING, 'be replied to');
  requireRole(assignment, 'lead', 'reply');
  if (reply.outcome === 'not-resolvable' && !reply.reason?.trim()) {
    throw invalid('reason-required', 'a reply with outcome not-resolvable must give the reason');
  }
  const pending = assignment.coHandlers.filter((coHandler) => coHandler.state === 'pending');
  if (pending.length > 0) {
    throw conflict(
      'co-handlers-pending',
      `assignment ${assignment.id} waits for the parts of ${pending.map((coHandler) => coHandler.departmentCode).join(', ')}`,
    );
  }
  const unacknowledged = assignment.notices.filter((notice) => !notice.acknowledgedAt);
  if (unacknowledged.length > 0) {
    throw conflict(
      'notices-unacknowledged',
      `assignment ${assignment.id} has ${unacknowledged.length} supervision notice(s) to acknowledge first`,
    );
  }
  return { ...assignment, status: 'replied', repliedAt: at, startedAt: assignment.startedAt ?? at };
}

/** 延期申请: once per assignment, to at most the original limit beyond the deadline in force. */
export function requestExtension<State extends AssignmentState>(
  assignment: State,
  request: { reason: string; requestedDeadline: Date },
  at: Date,
): State {
  requireStatus(assignment, [...WORKING, 'awaiting-clarification', 'in-consultation'], 'ask for an extension');
  requireText(request.reason, 'reason');
  if (assignment.extension) {
    throw conflict(
      'extension-already-requested',
      `assignment ${assignment.id} already asked for an extension at ${assignment.extension.requestedAt.toISOString()}`,
    );
  }
  const limitMs = assignment.originalDeadline.getTime() - assignment.assignedAt.getTime();
  const latest = new Date(assignment.deadline.getTime() + limitMs);
  if (request.requestedDeadline.getTime() <= assignment.deadline.getTime()) {
    throw invalid(
      'extension-not-later',
      `requestedDeadline must be later than the deadline in force, ${assignment.deadline.toISOString()}`,
    );
  }
  if (request.requestedDeadline.getTime() > latest.getTime()) {
    throw invalid('extension-too-long', `requestedDeadline may extend by at most the original limit, to ${latest.toISOString()}`);
  }
  return {
    ...assignment,
    extension: {
      reason: request.reason,
      requestedAt: at,
      requestedDeadline: request.requestedDeadline,
      decision: 'pending',
      decidedAt: null,
      decisionReason: null,
    },
  };
}

/** Dispatch approves (the deadline moves) or refuses (with a reason) a pending extension. */
export function decideExtension<State extends AssignmentState>(
  assignment: State,
  decision: { approved: boolean; reason?: string },
  at: Date,
): State {
  if (assignment.extension?.decision !== 'pending') {
    throw conflict(
      'extension-not-pending',
      assignment.extension
        ? `the extension of assignment ${assignment.id} was already ${assignment.extension.decision}`
        : `assignment ${assignment.id} has asked for no extension`,
    );
  }
  requireStatus(assignment, [...WORKING, 'awaiting-clarification', 'in-consultation'], 'have its extension decided');
  if (!decision.approved) requireText(decision.reason, 'reason');
  const extension: Extension = {
    ...assignment.extension,
    decision: decision.approved ? 'approved' : 'refused',
    decidedAt: at,
    decisionReason: decision.reason?.trim() ? decision.reason : null,
  };
  return { ...assignment, extension, deadline: decision.approved ? assignment.extension.requestedDeadline : assignment.deadline };
}

/** Clarification from the requester, or a third party's opinion: the clock stops until the pause ends. */
export function pauseHandling<State extends AssignmentState>(
  assignment: State,
  pause: { kind: PauseKind; question: string; until: Date | null },
  at: Date,
): State {
  requireStatus(assignment, WORKING, pause.kind === 'clarification' ? 'ask for clarification' : 'consult a third party');
  requireText(pause.question, 'question', 'question-required');
  if (pause.kind === 'clarification' && (!pause.until || pause.until.getTime() <= at.getTime())) {
    throw invalid('wait-required', 'waitUntil must be a time in the future: how long the requester is waited for');
  }
  return {
    ...assignment,
    status: pause.kind === 'clarification' ? 'awaiting-clarification' : 'in-consultation',
    pause: { kind: pause.kind, question: pause.question, since: at, until: pause.until },
  };
}

/**
 * The pause ends: the requester answered, the wait expired (ending at its `until`), or the consultation ended.
 * The deadline moves by the time the clock stood still.
 */
export function resumeHandling<State extends AssignmentState>(assignment: State, how: PauseEnd, at: Date): State {
  const { pause } = assignment;
  const expected: PauseKind = how === 'ended' ? 'consultation' : 'clarification';
  if (!pause || pause.kind !== expected) {
    throw conflict(
      how === 'ended' ? 'not-in-consultation' : 'not-awaiting-clarification',
      `assignment ${assignment.id} is ${assignment.status}: there is no ${expected} to end`,
    );
  }
  let resumedAt = at;
  if (how === 'expired') {
    if (!pause.until || pause.until.getTime() > at.getTime()) {
      throw conflict('wait-not-over', `the wait of assignment ${assignment.id} lasts until ${pause.until?.toISOString()}`);
    }
    resumedAt = pause.until;
  }
  const pausedMs = Math.max(0, resumedAt.getTime() - pause.since.getTime());
  return {
    ...assignment,
    status: 'in-progress',
    startedAt: assignment.startedAt ?? pause.since,
    pause: null,
    deadline: new Date(assignment.deadline.getTime() + pausedMs),
  };
}

/** Whether the requester's time to clarify ran out at `now`. */
export function clarificationExpired(assignment: AssignmentState, now: Date): boolean {
  return assignment.pause?.kind === 'clarification' && !!assignment.pause.until && assignment.pause.until.getTime() <= now.getTime();
}

/** 重办: a replied case goes back to the department, after a bad rating or a justified request, with its own deadline. */
export function orderRedo<State extends AssignmentState>(assignment: State, redo: { reason: string; deadline: Date }, at: Date): State {
  requireStatus(assignment, ['replied'], 'be redone');
  requireText(redo.reason, 'reason');
  if (redo.deadline.getTime() <= at.getTime()) throw invalid('deadline-in-past', 'deadline of the redo must be in the future');
  return { ...assignment, status: 'in-progress', repliedAt: null, deadline: redo.deadline, redoCount: assignment.redoCount + 1 };
}

/** Dispatch adds a co-handler to the lead's assignment (联合办理). */
export function addCoHandler<State extends AssignmentState>(
  assignment: State,
  coHandler: { departmentCode: string; assignmentId: string },
): State {
  requireRole(assignment, 'lead', 'take co-handlers');
  requireStatus(assignment, OPEN, 'take co-handlers');
  if (
    coHandler.departmentCode === assignment.departmentCode ||
    assignment.coHandlers.some((known) => known.departmentCode === coHandler.departmentCode)
  ) {
    throw conflict('co-handler-already-joined', `${coHandler.departmentCode} already handles assignment ${assignment.id}`);
  }
  return { ...assignment, coHandlers: [...assignment.coHandlers, { ...coHandler, state: 'pending', part: null, at: null }] };
}

function changeCoHandler<State extends AssignmentState>(
  lead: State,
  departmentCode: string,
  change: Pick<CoHandler, 'state' | 'part' | 'at'>,
): State {
  const coHandler = lead.coHandlers.find((known) => known.departmentCode === departmentCode);
  if (!coHandler) throw new DomainError('not-found', `${departmentCode} is no co-handler of assignment ${lead.id}`, 'co-handler-not-found');
  if (coHandler.state !== 'pending')
    throw conflict(`co-handler-already-${coHandler.state}`, `${departmentCode} has already ${coHandler.state} on assignment ${lead.id}`);
  return { ...lead, coHandlers: lead.coHandlers.map((known) => (known === coHandler ? { ...known, ...change } : known)) };
}

/** A co-handler submits its part: its own assignment ends as reported, and the lead's list shows the part. */
export function submitPart<Co extends AssignmentState, Lead extends AssignmentState>(
  coAssignment: Co,
  lead: Lead,
  part: string,
  at: Date,
): { coAssignment: Co; lead: Lead } {
  requireRole(coAssignment, 'co-handler', 'submit a part');
  requireStatus(coAssignment, WORKING, 'submit its part');
  requireText(part, 'text', 'text-required');
  return {
    coAssignment: { ...coAssignment, status: 'reported', repliedAt: at },
    lead: changeCoHandler(lead, coAssignment.departmentCode, { state: 'reported', part, at }),
  };
}

/** Dispatch releases a co-handler that has not reported: the lead no longer waits for it. */
export function releaseCoHandler<Co extends AssignmentState, Lead extends AssignmentState>(
  coAssignment: Co,
  lead: Lead,
  at: Date,
): { coAssignment: Co; lead: Lead } {
  const changedLead = changeCoHandler(lead, coAssignment.departmentCode, { state: 'released', part: null, at });
  return { coAssignment: { ...coAssignment, status: 'released' }, lead: changedLead };
}

/** Supervision puts an order (督办) or a reminder (催办) on an open assignment. */
export function issueNotice<State extends AssignmentState>(
  assignment: State,
  notice: { id: string; kind: NoticeKind; text: string },
  at: Date,
): State {
  requireStatus(assignment, OPEN, 'receive a supervision notice');
  requireText(notice.text, 'text', 'text-required');
  return { ...assignment, notices: [...assignment.notices, { ...notice, issuedAt: at, acknowledgedAt: null }] };
}

/** The department acknowledges every notice not yet acknowledged; the ids it acknowledged come back with the state. */
export function acknowledgeNotices<State extends AssignmentState>(
  assignment: State,
  at: Date,
): { assignment: State; acknowledged: string[] } {
  const pending = assignment.notices.filter((notice) => !notice.acknowledgedAt);
  if (pending.length === 0)
    throw conflict('no-notice-to-acknowledge', `assignment ${assignment.id} has no supervision notice to acknowledge`);
  return {
    assignment: {
      ...assignment,
      notices: assignment.notices.map((notice) => (notice.acknowledgedAt ? notice : { ...notice, acknowledgedAt: at })),
    },
    acknowledged: pending.map((notice) => notice.id),
  };
}

/**
 * 撤回: the requester withdrew the case before its reply. Handling stops: an open assignment (lead or co-handler,
 * paused or not) ends as withdrawn; one already replied, returned, reported or released is left as it is.
 */
export function withdrawAssignment<State extends AssignmentState>(assignment: State, reason: string): State {
  requireStatus(assignment, OPEN, 'be withdrawn');
  requireText(reason, 'reason');
  return { ...assignment, status: 'withdrawn', pause: null, withdrawalReason: reason };
}

/**
 * 补充: the requester's information goes on every assignment of the case still being handled (or replied to, so a
 * redo has it); the same supplement twice is kept once.
 */
export function addSupplement<State extends AssignmentState>(assignment: State, supplement: Supplement): State {
  requireStatus(assignment, [...OPEN, 'replied'], 'take a supplement');
  if (assignment.supplements.some((known) => known.id === supplement.id)) return assignment;
  return { ...assignment, supplements: [...assignment.supplements, supplement] };
}
