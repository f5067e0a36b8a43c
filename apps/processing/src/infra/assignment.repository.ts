import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { withCorrelation } from '@ugov/observability';
import { actsForDepartment, type Principal } from '@ugov/platform';
import { AssignmentEntity } from './assignment.entity';

/**
 * Runs a department's change to one of its assignments in a transaction, with the assignment's row
 * locked (so sign and reply on one assignment happen one after the other), under the case's own
 * correlation id. Another department's assignment is "not found": its existence is not theirs to know.
 */
export function changeAssignmentOfDepartment<T>(
  dataSource: DataSource,
  id: string,
  department: Principal,
  change: (assignment: AssignmentEntity, transaction: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (transaction) => {
    const assignment = await transaction.getRepository(AssignmentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!assignment || !actsForDepartment(department, assignment.departmentCode)) {
      throw new DomainError('not-found', `assignment ${id} not found`, 'assignment-not-found');
    }
    return withCorrelation(assignment.correlationId, () => change(assignment, transaction));
  });
}
