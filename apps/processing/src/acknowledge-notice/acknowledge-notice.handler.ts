import { Injectable } from '@nestjs/common';
import { Events, timestampFromDate } from '@ugov/contracts';
import { acknowledgeNotice } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';

export interface AcknowledgeNoticeRequest {
  readonly noticeId: string;
}

@Injectable()
export class AcknowledgeNoticeHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute({ assignmentId, caller, request }: AssignmentCommand<AcknowledgeNoticeRequest>, options?: RunOptions): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const acknowledged = acknowledgeNotice(assignment, request.noticeId, at);
        const event = eventOf(Events.noticeAcknowledged, {
          ...assignmentRefOf(acknowledged),
          noticeId: request.noticeId,
          acknowledgedAt: timestampFromDate(at),
        });
        return { changed: [acknowledged], events: [event] };
      },
      options,
    );
  }
}
