import type { CaseSubmitted } from '@ugov/contracts';
import type { EventEnvelope } from '@ugov/messaging';

export class AssignCaseCommand {
  constructor(
    readonly submitted: CaseSubmitted,
    /** The case-submitted event's envelope: the decision's event is caused by it and carries its correlation id. */
    readonly envelope: EventEnvelope,
  ) {}
}
