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
    this.consumer.onBatch(Events.caseSubmitted, (events, transaction) =>
      this.handler.execute(
        events.map((event) => new AssignCaseCommand(event.body, event.envelope)),
        transaction,
      ),
    );
  }
}
