import { DomainError } from '@ugov/domain';

/** assigned → signed for (签收) → replied (办结). */
export type AssignmentStatus = 'assigned' | 'signed' | 'replied';
export type ReplyOutcome = 'resolved' | 'explained' | 'not-resolvable';

export interface AssignmentState {
  readonly id: string;
  readonly status: AssignmentStatus;
  readonly signedAt: Date | null;
  readonly repliedAt: Date | null;
}

export interface Reply {
  readonly text: string;
  readonly outcome: ReplyOutcome;
  /** Why the matter cannot be resolved; required for that outcome, so the requester is told. */
  readonly reason?: string;
}

export function signAssignment<State extends AssignmentState>(assignment: State, at: Date): State {
  if (assignment.status !== 'assigned') {
    throw new DomainError(
      'conflict',
      `assignment ${assignment.id} was already signed for at ${assignment.signedAt?.toISOString()}`,
      'assignment-already-signed',
    );
  }
  return { ...assignment, status: 'signed', signedAt: at };
}

export function replyToAssignment<State extends AssignmentState>(assignment: State, reply: Reply, at: Date): State {
  if (assignment.status === 'assigned') {
    throw new DomainError(
      'conflict',
      `assignment ${assignment.id} must be signed for (签收) before it can be replied to`,
      'assignment-not-signed',
    );
  }
  if (assignment.status === 'replied') {
    throw new DomainError(
      'conflict',
      `assignment ${assignment.id} was already replied to at ${assignment.repliedAt?.toISOString()}`,
      'assignment-already-replied',
    );
  }
  if (reply.outcome === 'not-resolvable' && !reply.reason?.trim()) {
    throw new DomainError('invalid', 'a reply with outcome not-resolvable must give the reason', 'reason-required');
  }
  return { ...assignment, status: 'replied', repliedAt: at };
}
