import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventDefinition } from '@ugov/contracts';
import { eventsConsumed, handlerFailures, runInTraceContext } from '@ugov/observability';
import { contextOfEvent, decodeEvent, type DecodedEvent } from '../cloud-events';
import type { IncomingMessage, MessageBus, Subscription } from '../message-bus.port';
import { deadLetterOf, inboxEventIdOf } from './dead-letter';
import { decideRetry, defaultRetrySettings, type RetrySettings } from './retry.policy';

/** Handles one event inside the transaction that also records it in the inbox. */
export type EventHandler<Def extends EventDefinition> = (event: DecodedEvent<Def>, transaction: EntityManager) => Promise<void>;

export interface InboxConsumerSettings {
  readonly schema: string;
  readonly groupId: string;
  readonly retry?: RetrySettings;
  readonly concurrency?: number;
}

type Outcome = 'processed' | 'duplicate';

interface Registration {
  readonly definition: EventDefinition;
  readonly handler: EventHandler<EventDefinition>;
}

/** Which of the messages handled together failed, and why; the transaction of all of them rolled back. */
class HandlingFailed extends Error {
  constructor(
    readonly index: number,
    readonly reason: unknown,
  ) {
    super(`message ${index} of the batch failed: ${(reason as Error)?.message ?? String(reason)}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Consumes events idempotently: the handler's effects and the inbox row (consumer group + event id)
 * commit in one transaction, and the offset is committed only after that. A redelivered event finds
 * its inbox row and changes nothing. A message that keeps failing goes to `<topic>.dlq` and the
 * partition moves on. A dead letter that `dlq:replay` put back finds its row marked 'replay-requested'
 * (see dead-letter-replay.ts), and is handled (or dead-lettered) once more.
 */
export class InboxConsumer {
  private readonly logger = new Logger('InboxConsumer');
  private readonly registrations = new Map<string, Registration>();
  private readonly retry: RetrySettings;
  private subscription: Subscription | undefined;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly settings: InboxConsumerSettings,
  ) {
    this.retry = settings.retry ?? defaultRetrySettings;
  }

  on<Def extends EventDefinition>(definition: Def, handler: EventHandler<Def>): this {
    if (this.registrations.has(definition.topic)) throw new Error(`a handler for ${definition.topic} is already registered`);
    this.registrations.set(definition.topic, { definition, handler: handler as unknown as EventHandler<EventDefinition> });
    return this;
  }

  start(): void {
    if (this.subscription || this.registrations.size === 0) return;
    this.subscription = this.bus.subscribe({
      groupId: this.settings.groupId,
      topics: [...this.registrations.keys()],
      concurrency: this.settings.concurrency,
      handle: (messages, heartbeat) => this.handle(messages, heartbeat),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.stop();
    this.subscription = undefined;
    this.stopping = false;
  }

  /**
   * Messages of one partition are handled together in one transaction, which saves round trips under load.
   * When one of them fails, the ones before it are handled together again, the failing one alone (retried,
   * then dead-lettered), and the ones after it together, so only a message that keeps failing is held back.
   */
  private async handle(messages: readonly IncomingMessage[], heartbeat: () => Promise<void>): Promise<void> {
    let pending = messages;
    while (pending.length > 0) {
      try {
        const outcomes = await this.handleTogether(pending);
        outcomes.forEach((outcome, index) => eventsConsumed.inc({ topic: pending[index].topic, outcome }));
        return;
      } catch (error) {
        // Without an index the failure came before any handler ran (the database, say): no attempt was used up.
        const failed = error instanceof HandlingFailed ? error : undefined;
        const index = failed?.index ?? 0;
        if (index > 0) await this.handle(pending.slice(0, index), heartbeat);
        await this.handleAlone(pending[index], heartbeat, failed?.reason);
        pending = pending.slice(index + 1);
      }
    }
  }

  /** Retries one message with back-off; `firstFailure` is the error of an attempt already made. */
  private async handleAlone(message: IncomingMessage, heartbeat: () => Promise<void>, firstFailure?: unknown): Promise<void> {
    let attempts = firstFailure === undefined ? 0 : 1;
    let lastFailure = firstFailure;
    for (;;) {
      if (attempts > 0) {
        handlerFailures.inc({ topic: message.topic });
        const decision = decideRetry(lastFailure, attempts, this.retry);
        if (decision.action === 'dead-letter') {
          await this.deadLetter(message, lastFailure as Error, attempts);
          eventsConsumed.inc({ topic: message.topic, outcome: 'dead-lettered' });
          return;
        }
        this.logger.warn(
          `attempt ${attempts} at ${message.topic}/${message.partition}@${message.offset} failed: ${(lastFailure as Error).message}`,
        );
        // Its offset is not committed, so the next consumer of the partition starts again from it.
        if (this.stopping) throw new Error(`stopping: ${message.topic}/${message.partition}@${message.offset} is left for redelivery`);
        await sleep(decision.delayMs);
        await heartbeat();
      }
      attempts++;
      try {
        const [outcome] = await this.handleTogether([message]);
        eventsConsumed.inc({ topic: message.topic, outcome });
        return;
      } catch (error) {
        lastFailure = error instanceof HandlingFailed ? error.reason : error;
      }
    }
  }

  /**
   * One transaction: the inbox rows of all the messages, then the handler of each event not seen before,
   * in order. A redelivered event (or the same event twice in the list) finds its row and is skipped.
   */
  private async handleTogether(messages: readonly IncomingMessage[]): Promise<Outcome[]> {
    const events = messages.map((message, index) => {
      try {
        const registration = this.registrations.get(message.topic);
        if (!registration) throw new Error(`no handler for topic ${message.topic}`);
        return { registration, event: decodeEvent(registration.definition, message) };
      } catch (error) {
        throw new HandlingFailed(index, error);
      }
    });
    return this.dataSource.transaction(async (transaction) => {
      // DISTINCT ON: one statement may not update a row twice, and the list may hold the same event twice.
      const claimed: { event_id: string }[] = await transaction.query(
        `INSERT INTO "${this.settings.schema}".inbox AS inbox (consumer_group, event_id, topic, kafka_partition, kafka_offset, outcome)
         SELECT DISTINCT ON (id) $1, id, t, p, o, 'processed' FROM unnest($2::text[], $3::text[], $4::int[], $5::bigint[]) AS m(id, t, p, o)
         ON CONFLICT (consumer_group, event_id) DO UPDATE
           SET outcome = 'processed', topic = excluded.topic, kafka_partition = excluded.kafka_partition,
               kafka_offset = excluded.kafka_offset, handled_at = now()
           WHERE inbox.outcome = 'replay-requested'
         RETURNING event_id`,
        [
          this.settings.groupId,
          events.map(({ event }) => event.envelope.id),
          messages.map((message) => message.topic),
          messages.map((message) => message.partition),
          messages.map((message) => message.offset),
        ],
      );
      const firstSeen = new Set(claimed.map((row) => row.event_id));
      const outcomes: Outcome[] = [];
      for (const [index, { registration, event }] of events.entries()) {
        if (!firstSeen.delete(event.envelope.id)) {
          outcomes.push('duplicate');
          continue;
        }
        try {
          await runInTraceContext(contextOfEvent(event.envelope), () => registration.handler(event, transaction));
        } catch (error) {
          throw new HandlingFailed(index, error);
        }
        outcomes.push('processed');
      }
      return outcomes;
    });
  }

  private async deadLetter(message: IncomingMessage, error: Error, attempts: number): Promise<void> {
    const deadLetter = deadLetterOf(message, error, attempts, this.settings.groupId);
    const eventId = inboxEventIdOf(message);
    // A message that cannot even be decoded fails before the inbox is read: its redelivery is caught here.
    // A replayed one that failed again is dead-lettered again.
    const recorded: { outcome: string }[] = await this.dataSource.query(
      `SELECT outcome FROM "${this.settings.schema}".inbox WHERE consumer_group = $1 AND event_id = $2`,
      [this.settings.groupId, eventId],
    );
    if (recorded.length > 0 && recorded[0].outcome !== 'replay-requested') {
      this.logger.warn(`${message.topic}/${message.partition}@${message.offset} (event ${eventId}) was dead-lettered before; skipped`);
      return;
    }
    this.logger.error(
      `dead-lettering ${message.topic}/${message.partition}@${message.offset} (event ${eventId}) after ${attempts} attempt(s): ${error.message}`,
    );
    await this.bus.ensureTopics([deadLetter.topic]);
    await this.bus.publish([deadLetter]);
    // Remembered so that a redelivery of the same message is not dead-lettered twice.
    await this.dataSource.query(
      `INSERT INTO "${this.settings.schema}".inbox AS inbox (consumer_group, event_id, topic, kafka_partition, kafka_offset, outcome)
       VALUES ($1, $2, $3, $4, $5, 'dead-lettered')
       ON CONFLICT (consumer_group, event_id) DO UPDATE SET outcome = 'dead-lettered', handled_at = now()
         WHERE inbox.outcome = 'replay-requested'`,
      [this.settings.groupId, eventId, message.topic, message.partition, message.offset],
    );
  }
}
