import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Events, timestampFromDate } from '@ugov/contracts';
import { addCoHandler } from '../domain/assignment-workflow';
import { WebhookDeliveries } from '../deliver-webhooks/webhook-deliveries';
import { AssignmentEntity } from '../infra/assignment.entity';
import { AssignmentTransitions, eventOf, type AssignmentCommand } from '../infra/assignment-transitions';
import type { AddCoHandlerRequestDto } from './add-co-handler.request.dto';

/** 联合办理: the co-handler gets its own assignment of the case, with the lead's deadline, on its own list. */
@Injectable()
export class AddCoHandlerHandler {
  constructor(
    private readonly transitions: AssignmentTransitions,
    private readonly webhooks: WebhookDeliveries,
  ) {}

  execute({ assignmentId, caller, request }: AssignmentCommand<AddCoHandlerRequestDto>): Promise<AssignmentEntity> {
    return this.transitions.run(assignmentId, caller, async (lead, { at, transaction }) => {
      const coAssignmentId = randomUUID();
      const changedLead = addCoHandler(lead, { departmentCode: request.departmentCode, assignmentId: coAssignmentId });
      const coAssignment: AssignmentEntity = Object.assign(new AssignmentEntity(), {
        ...lead,
        id: coAssignmentId,
        departmentCode: request.departmentCode,
        departmentName: request.departmentName ?? request.departmentCode,
        status: 'assigned',
        assignedAt: at,
        originalDeadline: lead.deadline,
        signedAt: null,
        startedAt: null,
        repliedAt: null,
        returnedAt: null,
        returnReason: null,
        replyText: null,
        outcome: null,
        outcomeReason: null,
        handlingRole: 'co-handler',
        leadAssignmentId: lead.id,
        coHandlers: [],
        extension: null,
        pause: null,
        redoCount: 0,
        notices: [],
      } satisfies AssignmentEntity);
      await transaction.getRepository(AssignmentEntity).insert(coAssignment);
      await this.webhooks.enqueueNewWork(transaction, [coAssignment]);
      const event = eventOf(Events.coHandlerAdded, {
        caseId: lead.caseId,
        leadAssignmentId: lead.id,
        leadDepartmentCode: lead.departmentCode,
        coAssignmentId,
        coDepartmentCode: request.departmentCode,
        addedAt: timestampFromDate(at),
        deadline: timestampFromDate(coAssignment.deadline),
      });
      return { changed: [changedLead, coAssignment], events: [event] };
    });
  }
}
