import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ActorSchema } from '@ugov/contracts';
import type { CaseSubmission } from '../domain/case-submission';

export class SubmitCaseCommand {
  constructor(
    readonly submittedBy: string,
    readonly request: CaseSubmission,
    readonly idempotencyKey?: string,
    /** Who submitted it, as the case-submitted event records. */
    readonly actor?: MessageInitShape<typeof ActorSchema>,
  ) {}
}
