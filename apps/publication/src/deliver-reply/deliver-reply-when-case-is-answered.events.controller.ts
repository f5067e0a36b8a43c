import { Injectable, type OnModuleInit } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { CaseRepliedSchema, Events, Outcome } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { DeliverReplyHandler } from './deliver-reply.handler';

/**
 * A consultation the knowledge base answered at once (即办) is delivered as a department's reply would be: the
 * outcome is "explained", and the answer's id stands where the assignment's would.
 */
@Injectable()
export class DeliverReplyWhenCaseIsAnswered implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    private readonly handler: DeliverReplyHandler,
  ) {}

  onModuleInit(): void {
    this.consumer.on(Events.caseAnswered, ({ body }, transaction) =>
      this.handler.execute(
        create(CaseRepliedSchema, {
          caseId: body.caseId,
          assignmentId: body.answerId,
          replyText: body.answerText,
          outcome: Outcome.EXPLAINED,
          repliedAt: body.answeredAt,
          channel: body.channel,
          trackingNumber: body.trackingNumber,
        }),
        transaction,
      ),
    );
  }
}
