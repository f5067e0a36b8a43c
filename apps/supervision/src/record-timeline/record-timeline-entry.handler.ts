import { Injectable } from '@nestjs/common';
import { allEvents, type EventDefinition } from '@ugov/contracts';
import type { DecodedEvent } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
import type { TimelineEntryEntity } from '../infra/timeline-entry.entity';
import { timelineDetailsOf } from './timeline-details';

const serviceOfType = new Map(allEvents.map((definition) => [definition.type, definition.service]));

const insertEntries = insertRows<TimelineEntryEntity>(
  'supervision.timeline_entries',
  [
    { name: 'event_id', type: 'text', value: (entry) => entry.eventId },
    { name: 'case_id', type: 'uuid', value: (entry) => entry.caseId },
    { name: 'event_type', type: 'text', value: (entry) => entry.eventType },
    { name: 'service', type: 'text', value: (entry) => entry.service },
    { name: 'source', type: 'text', value: (entry) => entry.source },
    { name: 'occurred_at', type: 'timestamptz', value: (entry) => entry.occurredAt },
    { name: 'recorded_at', type: 'timestamptz', value: (entry) => entry.recordedAt },
    { name: 'correlation_id', type: 'text', value: (entry) => entry.correlationId },
    { name: 'causation_id', type: 'text', value: (entry) => entry.causationId },
    { name: 'details', type: 'jsonb', value: (entry) => JSON.stringify(entry.details) },
  ],
  'ON CONFLICT (event_id) DO NOTHING',
);

/** Appends the hops the events report to their cases' timelines, in one statement; a redelivered event is already there. */
@Injectable()
export class RecordTimelineEntryHandler {
  async execute(events: readonly DecodedEvent<EventDefinition>[], transaction: Sql): Promise<void> {
    const recordedAt = new Date();
    await insertEntries.run(
      transaction,
      events.map(({ envelope, body }) => ({
        eventId: envelope.id,
        caseId: envelope.subject,
        eventType: envelope.type,
        service: serviceOfType.get(envelope.type) ?? 'unknown',
        source: envelope.source,
        occurredAt: envelope.time,
        recordedAt,
        correlationId: envelope.correlationId,
        causationId: envelope.causationId ?? null,
        details: timelineDetailsOf(envelope.type, body),
      })),
    );
  }
}
