import { Injectable } from '@nestjs/common';
import { Events, timestampFromDate } from '@ugov/contracts';
import type { Principal } from '@ugov/platform';
import { orderRedo } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
import type { OrderRedoRequestDto } from './order-redo.request.dto';

/** 重办: the reply stays on record in its event; the assignment is open again with the redo's own deadline. */
@Injectable()
export class OrderRedoHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute({ assignmentId, caller, request }: AssignmentCommand<OrderRedoRequestDto>): Promise<AssignmentEntity> {
    return this.order(assignmentId, caller, { reason: request.reason, deadline: new Date(request.deadline) });
  }

  /** Ordered by a dispatcher or supervisor, or (caller null, the requester as actor) on the requester's account. */
  order(
    assignmentId: string,
    caller: Principal | null,
    { reason, deadline }: { reason: string; deadline: Date },
    options: RunOptions = {},
  ): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const redo = {
          ...orderRedo(assignment, { reason, deadline }, at),
          replyText: null,
          outcome: null,
          outcomeReason: null,
        };
        const event = eventOf(Events.redoOrdered, {
          ...assignmentRefOf(redo),
          reason,
          deadline: timestampFromDate(deadline),
          orderedAt: timestampFromDate(at),
          redoCount: redo.redoCount,
        });
        return { changed: [redo], events: [event] };
      },
      options,
    );
  }
}
