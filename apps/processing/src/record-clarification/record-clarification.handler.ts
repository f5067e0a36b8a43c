import { Injectable } from '@nestjs/common';
import { Events, PauseEnd, PauseKind, timestampFromDate } from '@ugov/contracts';
import { resumeHandling } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
import type { RecordClarificationRequestDto } from './record-clarification.request.dto';

@Injectable()
export class RecordClarificationHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute(
    { assignmentId, caller, request }: AssignmentCommand<RecordClarificationRequestDto>,
    options?: RunOptions,
  ): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const resumed = resumeHandling(assignment, 'answered', at);
        const event = eventOf(Events.handlingResumed, {
          ...assignmentRefOf(resumed),
          kind: PauseKind.CLARIFICATION,
          how: PauseEnd.ANSWERED,
          answer: request.answer,
          resumedAt: timestampFromDate(at),
          deadline: timestampFromDate(resumed.deadline),
        });
        return { changed: [resumed], events: [event] };
      },
      options,
    );
  }
}
