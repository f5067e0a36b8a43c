import type { CaseTypeName, ChannelName, UrgencyName } from '@ugov/contracts';
import { CHANNEL_DETAILS_FIELD } from './channel.rules';

export interface AttachmentReference {
  readonly url: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly name?: string;
}

/** A case as a channel submits it, already checked field by field (see CASE_REQUEST_CLASSES). */
export interface CaseSubmission {
  readonly type: CaseTypeName;
  readonly channel: ChannelName;
  readonly description: string;
  readonly requester: { readonly name: string; readonly phone: string; readonly idNumber?: string };
  readonly categoryCode?: string;
  readonly location?: { readonly regionCode?: string; readonly lat?: number; readonly long?: number; readonly address?: string };
  readonly urgency?: UrgencyName;
  readonly confidential?: boolean;
  readonly attachments?: readonly AttachmentReference[];
  // What the channel carries (one of these, the channel's own).
  readonly hotline?: { readonly agentId: string; readonly callId: string };
  readonly sms?: { readonly gatewayMessageId: string };
  readonly email?: { readonly messageId: string; readonly subject?: string };
  readonly kiosk?: { readonly terminalId: string };
  readonly proxyAgent?: { readonly agentId: string; readonly name: string };
  readonly window?: { readonly staffId: string; readonly windowId?: string };
  readonly open311?: {
    readonly serviceCode: string;
    readonly deviceId?: string;
    readonly accountId?: string;
    readonly mediaUrl?: string;
    readonly attributes?: readonly { readonly code: string; readonly values: readonly string[] }[];
  };
  // What the type carries.
  readonly disclosure?: {
    readonly informationRequested: string;
    readonly purpose: string;
    readonly deliveryForm: string;
    readonly deliveryMethod: string;
  };
  readonly serviceApplication?: {
    readonly serviceItemCode: string;
    readonly materials: readonly { readonly name: string; readonly file: AttachmentReference }[];
  };
  readonly proposal?: {
    readonly title: string;
    readonly session: string;
    readonly number?: string;
    readonly proposers: readonly { readonly name: string; readonly memberId?: string }[];
  };
}

/** What a channel carries about how the case came in (the hotline's call, the SMS gateway's message id, …). */
export type ChannelDetails = NonNullable<CaseSubmission['hotline' | 'sms' | 'email' | 'kiosk' | 'proxyAgent' | 'window' | 'open311']>;

/** What a type carries of its own, under the name the request gave it. */
export type TypeDetails = Pick<CaseSubmission, 'disclosure' | 'serviceApplication' | 'proposal'>;

/** The details of the submission's own channel, or null for a channel that carries none. */
export function channelDetailsOf(submission: CaseSubmission): ChannelDetails | null {
  const field = CHANNEL_DETAILS_FIELD[submission.channel] as keyof CaseSubmission | undefined;
  return field ? ((submission[field] as ChannelDetails | undefined) ?? null) : null;
}

/** The type's own details, or null for a type that has none. */
export function typeDetailsOf(submission: CaseSubmission): TypeDetails | null {
  const { disclosure, serviceApplication, proposal } = submission;
  if (disclosure) return { disclosure };
  if (serviceApplication) return { serviceApplication };
  if (proposal) return { proposal };
  return null;
}
