import { Injectable, type OnModuleInit } from '@nestjs/common';
import { allEvents } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { RecordTimelineEntryHandler } from './record-timeline-entry.handler';

/** Supervision reads every topic: each event of every service becomes a hop on its case's timeline. */
@Injectable()
export class RecordTimelineWhenAnythingHappens implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    private readonly handler: RecordTimelineEntryHandler,
  ) {}

  onModuleInit(): void {
    for (const definition of allEvents) {
      this.consumer.on(definition, (event, transaction) => this.handler.execute(event, transaction));
    }
  }
}
