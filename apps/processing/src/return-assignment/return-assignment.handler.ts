import { Injectable } from '@nestjs/common';
import { Events, timestampFromDate } from '@ugov/contracts';
import { returnAssignment } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
import type { ReturnAssignmentRequestDto } from './return-assignment.request.dto';

/** 退单: before sign-off, with the reason; dispatch reads the event to route the case again. */
@Injectable()
export class ReturnAssignmentHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute(
    { assignmentId, caller, request }: AssignmentCommand<ReturnAssignmentRequestDto>,
    options?: RunOptions,
  ): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const returned = { ...returnAssignment(assignment, request.reason, at), returnReason: request.reason };
        const event = eventOf(Events.assignmentReturned, {
          ...assignmentRefOf(returned),
          reason: request.reason,
          returnedAt: timestampFromDate(at),
        });
        return { changed: [returned], events: [event] };
      },
      options,
    );
  }
}
