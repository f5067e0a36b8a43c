import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { allEvents, type EventDefinition } from '@ugov/contracts';
import type { DecodedEvent } from '@ugov/messaging';
import { TimelineEntryEntity } from '../infra/timeline-entry.entity';
import { timelineDetailsOf } from './timeline-details';

/** Appends the hop an event reports to its case's timeline; a redelivered event is already there. */
@Injectable()
export class RecordTimelineEntryHandler {
  async execute(event: DecodedEvent<EventDefinition>, transaction: EntityManager): Promise<void> {
    const { envelope } = event;
    const definition = allEvents.find((candidate) => candidate.type === envelope.type);
    await transaction
      .createQueryBuilder()
      .insert()
      .into(TimelineEntryEntity)
      .values({
        eventId: envelope.id,
        caseId: envelope.subject,
        eventType: envelope.type,
        service: definition?.service ?? 'unknown',
        source: envelope.source,
        occurredAt: envelope.time,
        recordedAt: new Date(),
        correlationId: envelope.correlationId,
        causationId: envelope.causationId ?? null,
        details: timelineDetailsOf(envelope.type, event.body),
      })
      .orIgnore()
      .execute();
  }
}
