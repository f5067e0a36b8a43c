import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { withCorrelation } from '@ugov/observability';
import { TriageCaseEntity } from './triage-case.entity';

/**
 * Runs a dispatcher's change to one triage case in a transaction with its row locked (two dispatchers claiming at
 * once are served one after the other, and the second gets a conflict), under the case's own correlation id.
 */
export function changeTriageCase<T>(
  dataSource: DataSource,
  caseId: string,
  change: (triage: TriageCaseEntity, transaction: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (transaction) => {
    const triage = await transaction.getRepository(TriageCaseEntity).findOne({ where: { caseId }, lock: { mode: 'pessimistic_write' } });
    if (!triage) throw new DomainError('not-found', `case ${caseId} is not in the triage queue`, 'triage-case-not-found');
    return withCorrelation(triage.correlationId, () => change(triage, transaction));
  });
}
