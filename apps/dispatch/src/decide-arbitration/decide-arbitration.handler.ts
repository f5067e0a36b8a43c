import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { RequestValidationError } from '@ugov/platform';
import { lockArbitration, recordArbitrationDecision, type Arbitration } from '../infra/arbitrations.repository';
import { caseFile } from '../infra/case-files.repository';
import { CatalogVersions } from '../infra/catalog-versions';
import { lockStandingDecision, Reassignments } from '../infra/reassignments';
import type { DecideArbitrationCommand } from './decide-arbitration.command';

/**
 * A dispatcher's decision on a disputed case (派单争议审核): final and recorded once. The chosen department gets the
 * case as its only lead, with the case's deadline, and cannot have it re-routed by returning it.
 */
@Injectable()
export class DecideArbitrationHandler {
  private readonly logger = new Logger(DecideArbitrationHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogs: CatalogVersions,
    private readonly reassignments: Reassignments,
  ) {}

  async execute(command: DecideArbitrationCommand): Promise<Arbitration> {
    return this.dataSource.transaction(async (transaction) => {
      await this.catalogs.refresh(transaction);
      const arbitration = await lockArbitration(transaction, command.caseId);
      if (!arbitration) throw new DomainError('not-found', `case ${command.caseId} is not in arbitration`, 'arbitration-not-found');
      if (arbitration.decision)
        throw new DomainError(
          'conflict',
          `case ${command.caseId} was decided by ${arbitration.decision.decidedBy} at ${arbitration.decision.decidedAt.toISOString()}: the decision is final`,
          'arbitration-already-decided',
        );
      const file = (await caseFile(transaction, command.caseId))!;
      const department = this.catalogs.inForceAt(file.acceptedAt).catalog.department(command.departmentCode);
      if (!department)
        throw new RequestValidationError([
          { field: 'departmentCode', reason: `department ${command.departmentCode} is not in the catalog in force for this case` },
        ]);
      const decision = (await lockStandingDecision(transaction, command.caseId))!;
      const decidedAt = new Date();
      const assignmentId = await this.reassignments.assign(transaction, file, decision, [{ department, role: 'lead' }], 'single', {
        reason: command.reason,
        returnedAssignmentId: '',
        returnedByDepartmentCode: '',
        arbitrated: true,
        decidedBy: command.dispatcher.subject,
      });
      const recorded = {
        departmentCode: department.code,
        reason: command.reason,
        decidedBy: command.dispatcher.subject,
        decidedAt,
        assignmentId,
      };
      await recordArbitrationDecision(transaction, command.caseId, recorded);
      this.logger.log(`arbitration of case ${command.caseId}: ${department.code} by ${command.dispatcher.subject}`);
      return { ...arbitration, decision: recorded };
    });
  }
}
