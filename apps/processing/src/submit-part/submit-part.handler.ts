import { Injectable } from '@nestjs/common';
import { Events, timestampFromDate } from '@ugov/contracts';
import { submitPart } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { AssignmentTransitions, eventOf, type AssignmentCommand, type RunOptions } from '../infra/assignment-transitions';
import type { SubmitPartRequestDto } from './submit-part.request.dto';

/** A co-handler's part goes to the lead's assignment, in the same transaction as its own assignment's end. */
@Injectable()
export class SubmitPartHandler {
  constructor(private readonly transitions: AssignmentTransitions) {}

  execute({ assignmentId, caller, request }: AssignmentCommand<SubmitPartRequestDto>, options?: RunOptions): Promise<AssignmentEntity> {
    return this.transitions.run(
      assignmentId,
      caller,
      async (own, { at, lock }) => {
        const lead = own.leadAssignmentId ? await lock(own.leadAssignmentId) : own;
        const { coAssignment, lead: changedLead } = submitPart(own, lead, request.text, at);
        const event = eventOf(Events.coHandlerPartSubmitted, {
          caseId: own.caseId,
          coAssignmentId: own.id,
          coDepartmentCode: own.departmentCode,
          leadAssignmentId: lead.id,
          partText: request.text,
          submittedAt: timestampFromDate(at),
        });
        return { changed: [coAssignment, changedLead], events: [event] };
      },
      options,
    );
  }
}
