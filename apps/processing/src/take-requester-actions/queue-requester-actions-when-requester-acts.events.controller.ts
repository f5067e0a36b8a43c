import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Events } from '@ugov/contracts';
import { InboxConsumer, type EventEnvelope } from '@ugov/messaging';
import type { Sql } from '@ugov/persistence';
import { redoOfRating, redoRequestOf, supplementOf, withdrawalOf, type RequesterAction } from './requester-actions';

/**
 * Takes intake's self-service events in (once each, by the inbox) and queues what they ask of the case's
 * assignments, in the inbox's transaction; ApplyRequesterActions applies them through the workflow's transitions.
 */
@Injectable()
export class QueueRequesterActionsWhenRequesterActs implements OnModuleInit {
  constructor(private readonly consumer: InboxConsumer) {}

  onModuleInit(): void {
    const queue =
      <Body extends { caseId: string }>(actionOf: (body: Body) => RequesterAction | null) =>
      (events: readonly { envelope: EventEnvelope; body: Body }[], transaction: Sql) =>
        queueActions(
          events.flatMap(({ envelope, body }) => {
            const action = actionOf(body);
            return action ? [{ eventId: envelope.id, caseId: body.caseId, action }] : [];
          }),
          transaction,
        );
    this.consumer
      .onBatch(Events.caseWithdrawn, queue(withdrawalOf))
      .onBatch(Events.caseSupplemented, queue(supplementOf))
      .onBatch(Events.redoRequested, queue(redoRequestOf))
      .onBatch(Events.caseEvaluated, queue(redoOfRating));
  }
}

async function queueActions(actions: readonly { eventId: string; caseId: string; action: RequesterAction }[], transaction: Sql) {
  if (actions.length === 0) return;
  await transaction.query(
    `INSERT INTO processing.requester_actions (event_id, case_id, kind, action)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::jsonb[]) ON CONFLICT DO NOTHING`,
    [
      actions.map((queued) => queued.eventId),
      actions.map((queued) => queued.caseId),
      actions.map((queued) => queued.action.kind),
      actions.map((queued) => JSON.stringify(queued.action)),
    ],
  );
}
