import { Injectable } from '@nestjs/common';
import { Events, PauseKind, timestampFromDate } from '@ugov/contracts';
import { pauseHandling } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
import type { ConsultThirdPartyRequestDto } from './consult-third-party.request.dto';

@Injectable()
export class ConsultThirdPartyHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute(
    { assignmentId, caller, request }: AssignmentCommand<ConsultThirdPartyRequestDto>,
    options?: RunOptions,
  ): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const consulting = pauseHandling(assignment, { kind: 'consultation', question: request.question, until: null }, at);
        const event = eventOf(Events.handlingPaused, {
          ...assignmentRefOf(consulting),
          kind: PauseKind.CONSULTATION,
          question: request.question,
          pausedAt: timestampFromDate(at),
        });
        return { changed: [consulting], events: [event] };
      },
      options,
    );
  }
}
