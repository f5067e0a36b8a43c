import { Injectable, type OnModuleInit } from '@nestjs/common';
import { allEvents, type EventDefinition } from '@ugov/contracts';
import { InboxConsumer, type BatchEventHandler } from '@ugov/messaging';
import { RecordTimelineEntryHandler } from './record-timeline-entry.handler';

/** Supervision reads every topic: each event of every service becomes a hop on its case's timeline. */
@Injectable()
export class RecordTimelineWhenAnythingHappens implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    private readonly handler: RecordTimelineEntryHandler,
  ) {}

  onModuleInit(): void {
    // One handler for every topic: the events of all of them that arrive together go in with one statement.
    const record: BatchEventHandler<EventDefinition> = (events, transaction) => this.handler.execute(events, transaction);
    for (const definition of allEvents) this.consumer.onBatch(definition, record);
  }
}
