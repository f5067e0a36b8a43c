import type { CaseSubmitted } from '@ugov/contracts';

export class AssignCaseCommand {
  constructor(readonly submitted: CaseSubmitted) {}
}
