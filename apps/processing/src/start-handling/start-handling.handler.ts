import { Injectable } from '@nestjs/common';
import { Events, timestampFromDate } from '@ugov/contracts';
import { startHandling } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';

@Injectable()
export class StartHandlingHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute({ assignmentId, caller }: AssignmentCommand<unknown>, options?: RunOptions): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const started = startHandling(assignment, at);
        return {
          changed: [started],
          events: [eventOf(Events.handlingStarted, { ...assignmentRefOf(started), startedAt: timestampFromDate(at) })],
        };
      },
      options,
    );
  }
}
