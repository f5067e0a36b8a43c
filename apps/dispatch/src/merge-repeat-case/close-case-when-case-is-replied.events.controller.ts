import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Events } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';

/** A replied case is no longer open: a later request of its requester is a new case, not a repeat. */
@Injectable()
export class CloseCaseWhenCaseIsReplied implements OnModuleInit {
  constructor(private readonly consumer: InboxConsumer) {}

  onModuleInit(): void {
    this.consumer.onBatch(Events.caseReplied, async (events, transaction) => {
      await transaction.query(
        `UPDATE dispatch.case_files f SET closed_at = replied.at
           FROM unnest($1::uuid[], $2::timestamptz[]) AS replied (case_id, at)
          WHERE f.case_id = replied.case_id AND f.closed_at IS NULL`,
        [events.map(({ body }) => body.caseId), events.map(({ envelope }) => envelope.time)],
      );
    });
  }
}
