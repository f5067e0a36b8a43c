import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { CaseSubmittedSchema } from './gen/ugov/intake/v1/case_submitted_pb';
import { CaseAssignedSchema, CaseTriagedSchema } from './gen/ugov/dispatch/v1/dispatch_events_pb';
import { AssignmentSignedSchema, CaseRepliedSchema } from './gen/ugov/processing/v1/processing_events_pb';
import { ReplyDeliveredSchema } from './gen/ugov/publication/v1/publication_events_pb';

export type ServiceName = 'intake' | 'dispatch' | 'processing' | 'publication' | 'supervision';

/** One event type: its topic, its CloudEvents type and source, and its protobuf schema. */
export interface EventDefinition<Desc extends DescMessage = DescMessage> {
  readonly topic: string;
  readonly type: string;
  readonly source: string;
  readonly service: ServiceName;
  readonly schema: Desc;
}

export type EventBody<Def extends EventDefinition> = MessageShape<Def['schema']>;

/** Topic `<service>.<event-in-kebab>.v<major>`; CloudEvents type `ugov.<topic>`. */
export function defineEvent<Desc extends DescMessage>(
  service: ServiceName,
  name: string,
  major: number,
  schema: Desc,
): EventDefinition<Desc> {
  const topic = `${service}.${name}.v${major}`;
  return { topic, type: `ugov.${topic}`, source: `/ugov/${service}`, service, schema };
}

export const Events = {
  caseSubmitted: defineEvent('intake', 'case-submitted', 1, CaseSubmittedSchema),
  caseAssigned: defineEvent('dispatch', 'case-assigned', 1, CaseAssignedSchema),
  caseTriaged: defineEvent('dispatch', 'case-triaged', 1, CaseTriagedSchema),
  assignmentSigned: defineEvent('processing', 'assignment-signed', 1, AssignmentSignedSchema),
  caseReplied: defineEvent('processing', 'case-replied', 1, CaseRepliedSchema),
  replyDelivered: defineEvent('publication', 'reply-delivered', 1, ReplyDeliveredSchema),
} as const;

export const allEvents: readonly EventDefinition[] = Object.values(Events);

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
