import { Injectable } from '@nestjs/common';
import { timestampDate, type EventParkedEvent, type ServiceName } from '@ugov/contracts';
import { MalformedEventError, type DecodedEvent } from '@ugov/messaging';
import type { Sql } from '@ugov/persistence';
import { ParkedEventRepository } from '../infra/parked-event.repository';

/** Records an event that a service's outbox relay could never publish, from the notice the relay wrote instead. */
@Injectable()
export class RecordParkedEventHandler {
  constructor(private readonly parkedEvents: ParkedEventRepository) {}

  async execute(service: ServiceName, event: DecodedEvent<EventParkedEvent>, transaction: Sql): Promise<void> {
    const { body, envelope } = event;
    // Without these the notice says nothing anyone could act on; it cannot get better, so it is dead-lettered at once.
    if (!body.eventId || !body.topic) throw new MalformedEventError('an EventParked notice needs event_id and topic');
    await this.parkedEvents.record(transaction, {
      eventId: body.eventId,
      service: body.service || service,
      topic: body.topic,
      messageKey: body.messageKey,
      sizeBytes: String(body.sizeBytes),
      reason: body.reason,
      parkedAt: body.parkedAt ? timestampDate(body.parkedAt) : envelope.time,
      noticeEventId: envelope.id,
    });
  }
}
