import { Injectable } from '@nestjs/common';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { AssignmentTransitions, resumedHandling, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
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
      (assignment, { at }) => resumedHandling(assignment, 'answered', at, request.answer),
      options,
    );
  }
}
