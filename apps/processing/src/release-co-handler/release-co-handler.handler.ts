import { Injectable } from '@nestjs/common';
import { DomainError } from '@ugov/domain';
import { Events, timestampFromDate } from '@ugov/contracts';
import { releaseCoHandler } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { AssignmentTransitions, eventOf, type AssignmentCommand } from '../infra/assignment-transitions';

@Injectable()
export class ReleaseCoHandlerHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute({ assignmentId, caller }: AssignmentCommand<unknown>): Promise<AssignmentEntity> {
    return this.transitions.run(assignmentId, caller, async (own, { at, lock }) => {
      if (!own.leadAssignmentId) {
        throw new DomainError(
          'conflict',
          `assignment ${own.id} is a lead's, not a co-handler's: there is nobody to release`,
          'assignment-is-lead',
        );
      }
      const { coAssignment, lead } = releaseCoHandler(own, await lock(own.leadAssignmentId), at);
      const event = eventOf(Events.coHandlerReleased, {
        caseId: own.caseId,
        coAssignmentId: own.id,
        coDepartmentCode: own.departmentCode,
        leadAssignmentId: lead.id,
        releasedAt: timestampFromDate(at),
      });
      return { changed: [coAssignment, lead], events: [event] };
    });
  }
}
