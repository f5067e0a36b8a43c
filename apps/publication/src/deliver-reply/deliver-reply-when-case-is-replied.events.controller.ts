import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Events } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { DeliverReplyHandler } from './deliver-reply.handler';

@Injectable()
export class DeliverReplyWhenCaseIsReplied implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    private readonly handler: DeliverReplyHandler,
  ) {}

  onModuleInit(): void {
    this.consumer.on(Events.caseReplied, (event, transaction) => this.handler.execute(event.body, transaction));
  }
}
