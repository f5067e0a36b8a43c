import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { CaseSubmittedSchema } from './gen/ugov/intake/v1/case_submitted_pb';
import { CaseEvaluatedSchema, CaseSupplementedSchema, CaseWithdrawnSchema, RedoRequestedSchema } from './gen/ugov/intake/v1/requester_events_pb';
import { ArbitrationOpenedSchema, CaseAnsweredSchema, CaseAssignedSchema, CaseMergedSchema, CaseTriagedSchema } from './gen/ugov/dispatch/v1/dispatch_events_pb';
import {
  AssignmentReturnedSchema,
  AssignmentSignedSchema,
  CaseRepliedSchema,
  CoHandlerAddedSchema,
  CoHandlerPartSubmittedSchema,
  CoHandlerReleasedSchema,
  ExtensionDecidedSchema,
  ExtensionRequestedSchema,
  HandlingPausedSchema,
  HandlingResumedSchema,
  HandlingStartedSchema,
  NoticeAcknowledgedSchema,
  NoticeIssuedSchema,
  RedoOrderedSchema,
} from './gen/ugov/processing/v1/processing_events_pb';
import { DeliveryFailedSchema, ReplyDeliveredSchema, ReplyReviewedSchema } from './gen/ugov/publication/v1/publication_events_pb';
import { CatalogPublishedSchema } from './gen/ugov/dispatch/v1/catalog_events_pb';
import { EventParkedSchema } from './gen/ugov/backbone/v1/event_parked_pb';
import { CaseEscalatedSchema, OrderOpenedSchema, ReminderIssuedSchema, SlaWarningSchema } from './gen/ugov/supervision/v1/sla_events_pb';
import { AnomalyDetectedSchema } from './gen/ugov/supervision/v1/supervision_anomalies_pb';

export const serviceNames = ['intake', 'dispatch', 'processing', 'publication', 'supervision'] as const;
export type ServiceName = (typeof serviceNames)[number];

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
  caseSupplemented: defineEvent('intake', 'case-supplemented', 1, CaseSupplementedSchema),
  caseWithdrawn: defineEvent('intake', 'case-withdrawn', 1, CaseWithdrawnSchema),
  caseEvaluated: defineEvent('intake', 'case-evaluated', 1, CaseEvaluatedSchema),
  redoRequested: defineEvent('intake', 'redo-requested', 1, RedoRequestedSchema),
  caseAssigned: defineEvent('dispatch', 'case-assigned', 1, CaseAssignedSchema),
  caseTriaged: defineEvent('dispatch', 'case-triaged', 1, CaseTriagedSchema),
  arbitrationOpened: defineEvent('dispatch', 'arbitration-opened', 1, ArbitrationOpenedSchema),
  caseMerged: defineEvent('dispatch', 'case-merged', 1, CaseMergedSchema),
  caseAnswered: defineEvent('dispatch', 'case-answered', 1, CaseAnsweredSchema),
  assignmentSigned: defineEvent('processing', 'assignment-signed', 1, AssignmentSignedSchema),
  caseReplied: defineEvent('processing', 'case-replied', 1, CaseRepliedSchema),
  assignmentReturned: defineEvent('processing', 'assignment-returned', 1, AssignmentReturnedSchema),
  handlingStarted: defineEvent('processing', 'handling-started', 1, HandlingStartedSchema),
  extensionRequested: defineEvent('processing', 'extension-requested', 1, ExtensionRequestedSchema),
  extensionDecided: defineEvent('processing', 'extension-decided', 1, ExtensionDecidedSchema),
  handlingPaused: defineEvent('processing', 'handling-paused', 1, HandlingPausedSchema),
  handlingResumed: defineEvent('processing', 'handling-resumed', 1, HandlingResumedSchema),
  redoOrdered: defineEvent('processing', 'redo-ordered', 1, RedoOrderedSchema),
  coHandlerAdded: defineEvent('processing', 'co-handler-added', 1, CoHandlerAddedSchema),
  coHandlerPartSubmitted: defineEvent('processing', 'co-handler-part-submitted', 1, CoHandlerPartSubmittedSchema),
  coHandlerReleased: defineEvent('processing', 'co-handler-released', 1, CoHandlerReleasedSchema),
  noticeIssued: defineEvent('processing', 'notice-issued', 1, NoticeIssuedSchema),
  noticeAcknowledged: defineEvent('processing', 'notice-acknowledged', 1, NoticeAcknowledgedSchema),
  replyDelivered: defineEvent('publication', 'reply-delivered', 1, ReplyDeliveredSchema),
  deliveryFailed: defineEvent('publication', 'delivery-failed', 1, DeliveryFailedSchema),
  replyReviewed: defineEvent('publication', 'reply-reviewed', 1, ReplyReviewedSchema),
} as const;

/**
 * Reference data a service publishes for others, not about any one case (key: what it describes, not a case id): the
 * catalog versions dispatch stores, which intake serves Open311 services and checks service applications by.
 * Not among allEvents: no case timeline records them.
 */
export const ReferenceEvents = {
  catalogPublished: defineEvent('dispatch', 'catalog-published', 1, CatalogPublishedSchema),
} as const;

export const allReferenceEvents: readonly EventDefinition[] = Object.values(ReferenceEvents);

/** The message key of every catalog-published event: one key, so that versions arrive in the order they were stored. */
export const CATALOG_KEY = 'catalog';

/**
 * What supervision says about deadlines: warnings, reminders (催办) to the handling department, supervision
 * orders (督办) and escalations. Not among allEvents: supervision does not consume what it says itself.
 */
export const SupervisionEvents = {
  slaWarning: defineEvent('supervision', 'sla-warning', 1, SlaWarningSchema),
  reminderIssued: defineEvent('supervision', 'reminder-issued', 1, ReminderIssuedSchema),
  orderOpened: defineEvent('supervision', 'order-opened', 1, OrderOpenedSchema),
  caseEscalated: defineEvent('supervision', 'case-escalated', 1, CaseEscalatedSchema),
  anomalyDetected: defineEvent('supervision', 'anomaly-detected', 1, AnomalyDetectedSchema),
} as const;

export const allSupervisionEvents: readonly EventDefinition[] = Object.values(SupervisionEvents);

/** The events of the case workflow, each with its own topic. */
export const allEvents: readonly EventDefinition[] = Object.values(Events);

export type EventParkedEvent = EventDefinition<typeof EventParkedSchema>;

const eventParkedByService = Object.fromEntries(
  serviceNames.map((service) => [service, defineEvent(service, 'event-parked', 1, EventParkedSchema)]),
) as Record<ServiceName, EventParkedEvent>;

/**
 * The notice a service's outbox relay writes (in the transaction that parks the event) when it meets an event it can
 * never publish: topic `<service>.event-parked.v1`. Usage: `outbox.append(transaction, eventParkedOf(service), key, {...})`.
 */
export function eventParkedOf(service: ServiceName): EventParkedEvent {
  return eventParkedByService[service];
}

/** The parked-event notices of every service; supervision reads them all. */
export const allEventParkedNotices: readonly EventParkedEvent[] = Object.values(eventParkedByService);

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
