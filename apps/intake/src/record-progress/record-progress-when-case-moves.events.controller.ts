import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Events, instantAnswerAsReply } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { RecordProgressHandler } from './record-progress.handler';

@Injectable()
export class RecordProgressWhenCaseMoves implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    private readonly handler: RecordProgressHandler,
  ) {}

  onModuleInit(): void {
    this.consumer
      .on(Events.caseAssigned, (event, transaction) => this.handler.assigned(event.body, transaction))
      .on(Events.caseTriaged, (event, transaction) => this.handler.triaged(event.body, transaction))
      .on(Events.assignmentSigned, (event, transaction) => this.handler.signed(event.body, transaction))
      .on(Events.caseReplied, (event, transaction) => this.handler.replied(event.body, transaction))
      // A consultation the knowledge base answered at once (即办): replied, with no department.
      .on(Events.caseAnswered, (event, transaction) => this.handler.replied(instantAnswerAsReply(event.body), transaction));
  }
}
