import { Injectable } from '@nestjs/common';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { AssignmentTransitions, pausedHandling, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
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
      (assignment, { at }) => pausedHandling(assignment, { kind: 'consultation', question: request.question, until: null }, at),
      options,
    );
  }
}
