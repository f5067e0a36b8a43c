import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNELS, Events, OUTCOMES, timestampFromDate } from '@ugov/contracts';
import { OutboxWriter } from '@ugov/messaging';
import { actorOf } from '@ugov/platform';
import { replyToAssignment } from '../domain/assignment-workflow';
import { AssignmentEntity } from '../infra/assignment.entity';
import { changeAssignmentOfDepartment } from '../infra/assignment.repository';
import type { ReplyToAssignmentCommand } from './reply-to-assignment.command';

/** The department replies and closes its part (办结); the reply goes on to publication through the event. */
@Injectable()
export class ReplyToAssignmentHandler {
  private readonly logger = new Logger(ReplyToAssignmentHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  execute(command: ReplyToAssignmentCommand): Promise<AssignmentEntity> {
    return changeAssignmentOfDepartment(this.dataSource, command.assignmentId, command.department, async (assignment, transaction) => {
      const { reply } = command;
      const replied = {
        ...replyToAssignment(assignment, reply, new Date()),
        replyText: reply.text,
        outcome: reply.outcome,
        outcomeReason: reply.reason ?? null,
      };
      await transaction.getRepository(AssignmentEntity).update(replied.id, {
        status: replied.status,
        repliedAt: replied.repliedAt,
        replyText: replied.replyText,
        outcome: replied.outcome,
        outcomeReason: replied.outcomeReason,
      });
      await this.outbox.append(transaction, Events.caseReplied, replied.caseId, {
        caseId: replied.caseId,
        assignmentId: replied.id,
        departmentCode: replied.departmentCode,
        replyText: reply.text,
        outcomeReason: reply.reason ?? '',
        outcome: OUTCOMES[reply.outcome],
        repliedAt: timestampFromDate(replied.repliedAt!),
        channel: CHANNELS[replied.channel],
        trackingNumber: replied.trackingNumber,
        actor: actorOf(command.department, replied.departmentCode),
      });
      this.logger.log(`${replied.departmentCode} replied to assignment ${replied.id} of case ${replied.caseId} (${reply.outcome})`);
      return replied;
    });
  }
}
