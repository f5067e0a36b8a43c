import { Injectable } from '@nestjs/common';
import { Events, PauseEnd, PauseKind, timestampFromDate } from '@ugov/contracts';
import { resumeHandling } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
import type { EndConsultationRequestDto } from './end-consultation.request.dto';

@Injectable()
export class EndConsultationHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute(
    { assignmentId, caller, request }: AssignmentCommand<EndConsultationRequestDto>,
    options?: RunOptions,
  ): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const resumed = resumeHandling(assignment, 'ended', at);
        const event = eventOf(Events.handlingResumed, {
          ...assignmentRefOf(resumed),
          kind: PauseKind.CONSULTATION,
          how: PauseEnd.ENDED,
          answer: request.opinion,
          resumedAt: timestampFromDate(at),
          deadline: timestampFromDate(resumed.deadline),
        });
        return { changed: [resumed], events: [event] };
      },
      options,
    );
  }
}
