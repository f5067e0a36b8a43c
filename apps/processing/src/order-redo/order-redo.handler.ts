import { Injectable } from '@nestjs/common';
import { Events, timestampFromDate } from '@ugov/contracts';
import { orderRedo } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand } from '../infra/assignment-transitions';
import type { OrderRedoRequestDto } from './order-redo.request.dto';

/** 重办: the reply stays on record in its event; the assignment is open again with the redo's own deadline. */
@Injectable()
export class OrderRedoHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute({ assignmentId, caller, request }: AssignmentCommand<OrderRedoRequestDto>): Promise<AssignmentEntity> {
    return this.transitions.run(assignmentId, caller, (assignment, { at }) => {
      const deadline = new Date(request.deadline);
      const redo = {
        ...orderRedo(assignment, { reason: request.reason, deadline }, at),
        replyText: null,
        outcome: null,
        outcomeReason: null,
      };
      const event = eventOf(Events.redoOrdered, {
        ...assignmentRefOf(redo),
        reason: request.reason,
        deadline: timestampFromDate(deadline),
        orderedAt: timestampFromDate(at),
        redoCount: redo.redoCount,
      });
      return { changed: [redo], events: [event] };
    });
  }
}
