import { Injectable } from '@nestjs/common';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { AssignmentTransitions, resumedHandling, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
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
      (assignment, { at }) => resumedHandling(assignment, 'ended', at, request.opinion),
      options,
    );
  }
}
