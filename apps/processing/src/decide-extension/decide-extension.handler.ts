import { Injectable } from '@nestjs/common';
import { Events, timestampFromDate } from '@ugov/contracts';
import { decideExtension } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand } from '../infra/assignment-transitions';
import type { DecideExtensionRequestDto } from './decide-extension.request.dto';

/** Dispatch's decision on a pending extension; the event carries both reasons, for the requester and supervision. */
@Injectable()
export class DecideExtensionHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute({ assignmentId, caller, request }: AssignmentCommand<DecideExtensionRequestDto>): Promise<AssignmentEntity> {
    return this.transitions.run(assignmentId, caller, (assignment, { at }) => {
      const decided = decideExtension(assignment, request, at);
      const event = eventOf(Events.extensionDecided, {
        ...assignmentRefOf(decided),
        approved: request.approved,
        decisionReason: request.reason ?? '',
        extensionReason: decided.extension!.reason,
        deadline: timestampFromDate(decided.deadline),
        decidedAt: timestampFromDate(at),
      });
      return { changed: [decided], events: [event] };
    });
  }
}
