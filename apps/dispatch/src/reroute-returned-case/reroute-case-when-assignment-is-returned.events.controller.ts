import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Events } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { RerouteReturnedCaseHandler } from './reroute-returned-case.handler';

@Injectable()
export class RerouteCaseWhenAssignmentIsReturned implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    private readonly handler: RerouteReturnedCaseHandler,
  ) {}

  onModuleInit(): void {
    this.consumer.onBatch(Events.assignmentReturned, (events, transaction) => this.handler.execute(events, transaction));
  }
}
