import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Events } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { AssignCaseCommand } from './assign-case.command';
import { AssignCaseHandler } from './assign-case.handler';

@Injectable()
export class AssignCaseWhenCaseIsSubmitted implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    private readonly handler: AssignCaseHandler,
  ) {}

  onModuleInit(): void {
    this.consumer.on(Events.caseSubmitted, (event, transaction) => this.handler.execute(new AssignCaseCommand(event.body), transaction));
  }
}
