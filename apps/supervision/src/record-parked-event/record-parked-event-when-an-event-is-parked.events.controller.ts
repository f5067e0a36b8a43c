import { Injectable, type OnModuleInit } from '@nestjs/common';
import { allEventParkedNotices } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { RecordParkedEventHandler } from './record-parked-event.handler';

/** Supervision reads the parked-event notices of every service. */
@Injectable()
export class RecordParkedEventWhenAnEventIsParked implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    private readonly handler: RecordParkedEventHandler,
  ) {}

  onModuleInit(): void {
    for (const definition of allEventParkedNotices) {
      this.consumer.on(definition, (event, transaction) => this.handler.execute(definition.service, event, transaction));
    }
  }
}
