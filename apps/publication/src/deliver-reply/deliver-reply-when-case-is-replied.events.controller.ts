import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Events } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { QueueReplyForReviewHandler } from '../review-reply/queue-reply-for-review.handler';
import { DeliverReplyHandler } from './deliver-reply.handler';

/** A reply goes to the requester, and its redacted version waits for review, in one transaction (one handler a topic). */
@Injectable()
export class DeliverReplyWhenCaseIsReplied implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    private readonly handler: DeliverReplyHandler,
    private readonly review: QueueReplyForReviewHandler,
  ) {}

  onModuleInit(): void {
    this.consumer.on(Events.caseReplied, async (event, transaction) => {
      await this.handler.execute(event.body, transaction);
      await this.review.execute(event.body, transaction);
    });
  }
}
