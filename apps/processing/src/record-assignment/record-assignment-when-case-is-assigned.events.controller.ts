import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Events } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { RecordAssignmentHandler } from './record-assignment.handler';

@Injectable()
export class RecordAssignmentWhenCaseIsAssigned implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    private readonly handler: RecordAssignmentHandler,
  ) {}

  onModuleInit(): void {
    this.consumer.onBatch(Events.caseAssigned, (events, transaction) => this.handler.execute(events, transaction));
  }
}
