import { Injectable } from '@nestjs/common';
import { Events, timestampFromDate } from '@ugov/contracts';
import { requestExtension } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
import type { RequestExtensionRequestDto } from './request-extension.request.dto';

@Injectable()
export class RequestExtensionHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute(
    { assignmentId, caller, request }: AssignmentCommand<RequestExtensionRequestDto>,
    options?: RunOptions,
  ): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const requestedDeadline = new Date(request.requestedDeadline);
        const requested = requestExtension(assignment, { reason: request.reason, requestedDeadline }, at);
        const event = eventOf(Events.extensionRequested, {
          ...assignmentRefOf(requested),
          reason: request.reason,
          requestedDeadline: timestampFromDate(requestedDeadline),
          requestedAt: timestampFromDate(at),
        });
        return { changed: [requested], events: [event] };
      },
      options,
    );
  }
}
