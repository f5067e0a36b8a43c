import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Events, timestampFromDate } from '@ugov/contracts';
import { OutboxWriter } from '@ugov/messaging';
import { actorOf } from '@ugov/platform';
import { signAssignment } from '../domain/assignment-workflow';
import { AssignmentEntity } from '../infra/assignment.entity';
import { changeAssignmentOfDepartment } from '../infra/assignment.repository';
import type { SignAssignmentCommand } from './sign-assignment.command';

/** The department signs for the assignment (签收); the state change and its event commit together. */
@Injectable()
export class SignAssignmentHandler {
  private readonly logger = new Logger(SignAssignmentHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  execute(command: SignAssignmentCommand): Promise<AssignmentEntity> {
    return changeAssignmentOfDepartment(this.dataSource, command.assignmentId, command.department, async (assignment, transaction) => {
      const signed = signAssignment(assignment, new Date());
      await transaction.getRepository(AssignmentEntity).update(signed.id, { status: signed.status, signedAt: signed.signedAt });
      await this.outbox.append(transaction, Events.assignmentSigned, signed.caseId, {
        caseId: signed.caseId,
        assignmentId: signed.id,
        departmentCode: signed.departmentCode,
        signedAt: timestampFromDate(signed.signedAt!),
        actor: actorOf(command.department, signed.departmentCode),
      });
      this.logger.log(`${signed.departmentCode} signed for assignment ${signed.id} of case ${signed.caseId}`);
      return signed;
    });
  }
}
