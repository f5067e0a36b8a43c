import { Injectable } from '@nestjs/common';
import { Events, timestampFromDate } from '@ugov/contracts';
import { acknowledgeNotices } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { assignmentRefOf, AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';

/** The department acknowledges the supervision notices on the assignment: one event per notice. */
@Injectable()
export class AcknowledgeNoticesHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute({ assignmentId, caller }: AssignmentCommand<unknown>, options?: RunOptions): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      (assignment, { at }) => {
        const { assignment: acknowledged, acknowledged: noticeIds } = acknowledgeNotices(assignment, at);
        const events = noticeIds.map((noticeId) =>
          eventOf(Events.noticeAcknowledged, { ...assignmentRefOf(acknowledged), noticeId, acknowledgedAt: timestampFromDate(at) }),
        );
        return { changed: [acknowledged], events };
      },
      options,
    );
  }
}
