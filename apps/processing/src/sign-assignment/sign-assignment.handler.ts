import { Injectable } from '@nestjs/common';
import { Events, timestampFromDate } from '@ugov/contracts';
import { signAssignment } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';

/** The department signs for the assignment (签收); the state change and its event commit together. */
@Injectable()
export class SignAssignmentHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute({ assignmentId, caller }: AssignmentCommand<unknown>, options?: RunOptions): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const signed = signAssignment(assignment, at);
        return {
          changed: [signed],
          events: [eventOf(Events.assignmentSigned, { ...assignmentRefOf(signed), signedAt: timestampFromDate(at) })],
        };
      },
      options,
    );
  }
}
