import { Injectable } from '@nestjs/common';
import { Events, PauseKind, timestampFromDate } from '@ugov/contracts';
import { pauseHandling } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
import type { RequestClarificationRequestDto } from './request-clarification.request.dto';

@Injectable()
export class RequestClarificationHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute(
    { assignmentId, caller, request }: AssignmentCommand<RequestClarificationRequestDto>,
    options?: RunOptions,
  ): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const until = new Date(request.waitUntil);
        const waiting = pauseHandling(assignment, { kind: 'clarification', question: request.question, until }, at);
        const event = eventOf(Events.handlingPaused, {
          ...assignmentRefOf(waiting),
          kind: PauseKind.CLARIFICATION,
          question: request.question,
          pausedAt: timestampFromDate(at),
          waitUntil: timestampFromDate(until),
        });
        return { changed: [waiting], events: [event] };
      },
      options,
    );
  }
}
