import { Injectable } from '@nestjs/common';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { AssignmentTransitions, pausedHandling, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
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
      (assignment, { at }) =>
        pausedHandling(assignment, { kind: 'clarification', question: request.question, until: new Date(request.waitUntil) }, at),
      options,
    );
  }
}
