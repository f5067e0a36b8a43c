import { Injectable } from '@nestjs/common';
import { CHANNELS, Events, OUTCOMES, timestampFromDate } from '@ugov/contracts';
import { replyToAssignment } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
import type { ReplyToAssignmentRequestDto } from './reply-to-assignment.request.dto';

/** The department replies and closes its part (办结); the reply goes on to publication through the event. */
@Injectable()
export class ReplyToAssignmentHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute(
    { assignmentId, caller, request: reply }: AssignmentCommand<ReplyToAssignmentRequestDto>,
    options?: RunOptions,
  ): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const replied = {
          ...replyToAssignment(assignment, reply, at),
          replyText: reply.text,
          outcome: reply.outcome,
          outcomeReason: reply.reason ?? null,
        };
        const event = eventOf(Events.caseReplied, {
          ...assignmentRefOf(replied),
          replyText: reply.text,
          outcomeReason: reply.reason ?? '',
          outcome: OUTCOMES[reply.outcome],
          repliedAt: timestampFromDate(at),
          channel: CHANNELS[replied.channel],
          trackingNumber: replied.trackingNumber,
        });
        return { changed: [replied], events: [event] };
      },
      options,
    );
  }
}
