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
    const bodies = <T>(events: readonly { body: T }[]) => events.map((event) => event.body);
    this.consumer
      .onBatch(Events.caseAssigned, (events, transaction) => this.handler.assigned(bodies(events), transaction))
      .onBatch(Events.caseTriaged, (events, transaction) => this.handler.triaged(bodies(events), transaction))
      .onBatch(Events.caseMerged, (events, transaction) => this.handler.merged(bodies(events), transaction))
      .onBatch(Events.assignmentSigned, (events, transaction) => this.handler.signed(bodies(events), transaction))
      .onBatch(Events.handlingStarted, (events, transaction) => this.handler.started(bodies(events), transaction))
      .onBatch(Events.extensionDecided, (events, transaction) => this.handler.extensionDecided(bodies(events), transaction))
      .onBatch(Events.handlingPaused, (events, transaction) => this.handler.paused(bodies(events), transaction))
      .onBatch(Events.handlingResumed, (events, transaction) => this.handler.resumed(bodies(events), transaction))
      .onBatch(Events.redoOrdered, (events, transaction) => this.handler.redoOrdered(bodies(events), transaction))
      .onBatch(Events.caseReplied, (events, transaction) => this.handler.replied(bodies(events), transaction))
      .onBatch(Events.replyDelivered, (events, transaction) => this.handler.delivered(bodies(events), transaction))
      // A consultation the knowledge base answered at once (即办): replied, with no department.
      .onBatch(Events.caseAnswered, (events, transaction) =>
        this.handler.answered(bodies(events), bodies(events).map(instantAnswerAsReply), transaction),
      );
  }
}
