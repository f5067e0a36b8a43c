import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Events } from '@ugov/contracts';
import { InboxConsumer, type EventEnvelope } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
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
      async (events: readonly { envelope: EventEnvelope; body: Body }[], transaction: Sql) => {
        await insertActions.run(
          transaction,
          events.flatMap(({ envelope, body }) => {
            const action = actionOf(body);
            return action ? [{ eventId: envelope.id, caseId: body.caseId, action }] : [];
          }),
        );
      };
    this.consumer
      .onBatch(Events.caseWithdrawn, queue(withdrawalOf))
      .onBatch(Events.caseSupplemented, queue(supplementOf))
      .onBatch(Events.redoRequested, queue(redoRequestOf))
      .onBatch(Events.caseEvaluated, queue(redoOfRating));
  }
}

interface QueuedAction {
  readonly eventId: string;
  readonly caseId: string;
  readonly action: RequesterAction;
}

const insertActions = insertRows<QueuedAction>(
  'processing.requester_actions',
  [
    { name: 'event_id', type: 'text', value: (queued) => queued.eventId },
    { name: 'case_id', type: 'uuid', value: (queued) => queued.caseId },
    { name: 'kind', type: 'text', value: (queued) => queued.action.kind },
    { name: 'action', type: 'jsonb', value: (queued) => queued.action },
  ],
  'ON CONFLICT DO NOTHING',
);
