import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { caseTypeName, channelName, timestampDate, type CaseAssigned } from '@ugov/contracts';
import { AssignmentEntity } from '../infra/assignment.entity';

/** Puts a new assignment on the department's list; a repeated event leaves the existing one alone. */
@Injectable()
export class RecordAssignmentHandler {
  private readonly logger = new Logger(RecordAssignmentHandler.name);

  async execute(assigned: CaseAssigned, correlationId: string, transaction: EntityManager): Promise<void> {
    await transaction
      .createQueryBuilder()
      .insert()
      .into(AssignmentEntity)
      .values({
        id: assigned.assignmentId,
        caseId: assigned.caseId,
        departmentCode: assigned.departmentCode,
        departmentName: assigned.departmentName,
        categoryCode: assigned.categoryCode,
        caseType: caseTypeName(assigned.caseType),
        channel: channelName(assigned.channel),
        trackingNumber: assigned.trackingNumber,
        description: assigned.description,
        regionCode: assigned.regionCode,
        deadline: timestampDate(assigned.deadline!),
        status: 'assigned',
        assignedAt: timestampDate(assigned.assignedAt!),
        correlationId,
      })
      .orIgnore()
      .execute();
    this.logger.log(`assignment ${assigned.assignmentId} of case ${assigned.caseId} is on ${assigned.departmentCode}'s list`);
  }
}
