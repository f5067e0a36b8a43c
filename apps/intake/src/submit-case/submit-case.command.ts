import type { CaseSubmission } from '../domain/case-submission';

export class SubmitCaseCommand {
  constructor(
    readonly submittedBy: string,
    readonly request: CaseSubmission,
    readonly idempotencyKey?: string,
  ) {}
}
