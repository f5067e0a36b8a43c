import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ActorSchema, CaseTypeName, ChannelName } from '@ugov/contracts';
import type { ReplyLanguage } from '@ugov/platform';

export class SubmitCaseCommand {
  constructor(
    readonly submittedBy: string,
    readonly request: {
      readonly type: CaseTypeName;
      readonly channel: ChannelName;
      readonly description: string;
      readonly requester: { readonly name: string; readonly phone: string; readonly idNumber?: string };
      readonly categoryCode?: string;
      readonly location?: { readonly regionCode?: string; readonly lat?: number; readonly long?: number; readonly address?: string };
      /** How the reply reaches the requester beyond their phone; sealed for publication only (README, "Delivery"). */
      readonly delivery?: {
        readonly email?: string;
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
