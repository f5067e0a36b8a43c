import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { withCorrelation } from '@ugov/observability';
import { actsForDepartment, DEPARTMENT_ROLES, type Principal } from '@ugov/platform';
import { AssignmentEntity } from './assignment.entity';

/** A department sees only its own assignments; dispatchers and oversight staff see any (the route says who may call). */
export function mayAccess(caller: Principal | null, assignment: Pick<AssignmentEntity, 'departmentCode'>): boolean {
  return (
    caller === null || actsForDepartment(caller, assignment.departmentCode) || !caller.roles.some((role) => DEPARTMENT_ROLES.includes(role))
  );
}

/**
 * The assignment, locked until the transaction ends; another department's is "not found": its existence is not
 * theirs to know. A null caller is processing itself (the lead of a co-handler's assignment, say).
 */
export async function lockAssignment(transaction: EntityManager, id: string, caller: Principal | null): Promise<AssignmentEntity> {
  const assignment = await transaction.getRepository(AssignmentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!assignment || !mayAccess(caller, assignment)) {
    throw new DomainError('not-found', `assignment ${id} not found`, 'assignment-not-found');
  }
  return assignment;
}

/**
 * Runs a change to one assignment in a transaction, with the assignment's row locked (so two commands on one
 * assignment happen one after the other), under the case's own correlation id.
 */
export function changeAssignment<T>(
  /** A DataSource starts a transaction; an EntityManager already in one nests a savepoint in it. */
  runner: DataSource | EntityManager,
  id: string,
  caller: Principal | null,
  change: (assignment: AssignmentEntity, transaction: EntityManager) => Promise<T>,
): Promise<T> {
  return runner.transaction(async (transaction) => {
    const assignment = await lockAssignment(transaction, id, caller);
    return withCorrelation(assignment.correlationId, () => change(assignment, transaction));
  });
}

/** Writes what the workflow may change; the case data from dispatch never changes here. */
export async function saveAssignment(transaction: EntityManager, assignment: AssignmentEntity): Promise<void> {
  await transaction.getRepository(AssignmentEntity).update(assignment.id, {
    status: assignment.status,
    deadline: assignment.deadline,
    signedAt: assignment.signedAt,
    startedAt: assignment.startedAt,
    repliedAt: assignment.repliedAt,
    returnedAt: assignment.returnedAt,
    returnReason: assignment.returnReason,
    replyText: assignment.replyText,
    outcome: assignment.outcome,
    outcomeReason: assignment.outcomeReason,
    coHandlers: assignment.coHandlers,
    extension: assignment.extension,
    pause: assignment.pause,
    redoCount: assignment.redoCount,
    notices: assignment.notices,
    supplements: assignment.supplements,
    withdrawalReason: assignment.withdrawalReason,
  } as never);
}
