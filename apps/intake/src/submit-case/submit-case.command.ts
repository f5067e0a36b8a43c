import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ActorSchema } from '@ugov/contracts';
import type { ReplyLanguage } from '@ugov/platform';
import type { CaseSubmission } from '../domain/case-submission';

export class SubmitCaseCommand {
  constructor(
    readonly submittedBy: string,
    readonly request: CaseSubmission & {
      /** How the reply reaches the requester beyond their phone; sealed for publication only (README, "Delivery"). */
      readonly delivery?: {
        readonly email?: string;
        /** The callback number, when it is not the requester's phone. */
        readonly phone?: string;
        readonly callbackUrl?: string;
        readonly pushToken?: string;
        readonly language?: ReplyLanguage;
      };
    },
    readonly idempotencyKey?: string,
    /** Who submitted it, as the case-submitted event records. */
    readonly actor?: MessageInitShape<typeof ActorSchema>,
  ) {}
}
