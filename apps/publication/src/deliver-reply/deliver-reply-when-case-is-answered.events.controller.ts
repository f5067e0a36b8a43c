import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Events, instantAnswerAsReply } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { DeliverReplyHandler } from './deliver-reply.handler';

/** A consultation the knowledge base answered at once (即办) is delivered as a department's reply would be. */
@Injectable()
export class DeliverReplyWhenCaseIsAnswered implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    private readonly handler: DeliverReplyHandler,
  ) {}

  onModuleInit(): void {
    this.consumer.on(Events.caseAnswered, (event, transaction) => this.handler.execute(instantAnswerAsReply(event.body), transaction));
  }
}
