import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EventDefinition } from '@ugov/contracts';
import { eventsConsumed, handlerFailures, runInTraceContext } from '@ugov/observability';
import { poolOf, runInTransaction, type Sql } from '@ugov/persistence';
import { contextOfEvent, decodeEvent, type DecodedEvent } from '../cloud-events';
import type { IncomingMessage, MessageBus, Subscription } from '../message-bus.port';
import { deadLetterOf, inboxEventIdOf } from './dead-letter';
import { decideRetry, defaultRetrySettings, type RetrySettings } from './retry.policy';

/** Handles one event inside the transaction that also records it in the inbox. */
export type EventHandler<Def extends EventDefinition> = (event: DecodedEvent<Def>, transaction: Sql) => Promise<void>;

/**
 * Handles, in one go, every event of its topic that a transaction takes in for the first time (in order within
 * each partition): one statement for many events instead of one each. The events carry their own trace context
 * (contextOfEvent), since no single one is current.
 */
export type BatchEventHandler<Def extends EventDefinition> = (events: readonly DecodedEvent<Def>[], transaction: Sql) => Promise<void>;

export interface InboxConsumerSettings {
  readonly schema: string;
  readonly groupId: string;
  readonly retry?: RetrySettings;
  readonly concurrency?: number;
  /** See DEFAULT_LINGER_MS; 0 fetches again as soon as a fetch is handled. */
  readonly lingerMs?: number;
}

/**
 * After handling a fetch of fewer than LINGER_BELOW messages, the consumer waits this long before the next
 * fetch, so that under load a transaction carries several events instead of one each. An event arriving while
 * the consumer is idle is fetched at once; only one arriving right after another waits, at most this long.
 */
const DEFAULT_LINGER_MS = 5;
const LINGER_BELOW = 50;

/**
 * The most messages one transaction takes in: each event a handler writes holds its case's key lock to the
 * commit, and PostgreSQL's lock table is shared by the whole server.
 */
const MAX_MESSAGES_PER_TRANSACTION = 250;

type Outcome = 'processed' | 'duplicate';

type Registration =
  | { readonly definition: EventDefinition; readonly each: EventHandler<EventDefinition> }
  | { readonly definition: EventDefinition; readonly all: BatchEventHandler<EventDefinition> };

/**
 * Which of the messages handled together failed, and why; the transaction of all of them rolled back.
 * Without an index, the failure cannot be pinned on one message (a batch handler, or the database).
 */
class HandlingFailed extends Error {
  constructor(
    readonly index: number | undefined,
    readonly reason: unknown,
  ) {
    super(`${index === undefined ? 'the batch' : `message ${index} of the batch`} failed: ${(reason as Error)?.message ?? String(reason)}`);
  }
}

/** Partitions whose messages arrived together, handled in one transaction when all goes well. */
interface Arrival {
  readonly messages: readonly IncomingMessage[];
  readonly heartbeat: () => Promise<void>;
  readonly done: (error?: unknown) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Consumes events idempotently: the handler's effects and the inbox row (consumer group + event id)
 * commit in one transaction, and the offset is committed only after that. A redelivered event finds
 * its inbox row and changes nothing. A message that keeps failing goes to `<topic>.dlq` and the
 * partition moves on. A dead letter that `dlq:replay` put back finds its row marked 'replay-requested'
 * (see dead-letter-replay.ts), and is handled (or dead-lettered) once more.
 *
 * Under load the messages of every partition that arrive together (one fetch) share one transaction, with
 * statements prepared once per connection: the cost of a transaction is spread over all of them.
 */
export class InboxConsumer {
  private readonly logger = new Logger('InboxConsumer');
  private readonly registrations = new Map<string, Registration>();
  private readonly retry: RetrySettings;
  private readonly lingerMs: number;
  private subscription: Subscription | undefined;
  private stopping = false;
  private arrivals: Arrival[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly settings: InboxConsumerSettings,
  ) {
    this.retry = settings.retry ?? defaultRetrySettings;
    this.lingerMs = settings.lingerMs ?? DEFAULT_LINGER_MS;
  }

  on<Def extends EventDefinition>(definition: Def, handler: EventHandler<Def>): this {
    return this.register({ definition, each: handler as unknown as EventHandler<EventDefinition> });
  }

  onBatch<Def extends EventDefinition>(definition: Def, handler: BatchEventHandler<Def>): this {
    return this.register({ definition, all: handler as unknown as BatchEventHandler<EventDefinition> });
  }

  private register(registration: Registration): this {
    const { topic } = registration.definition;
    if (this.registrations.has(topic)) throw new Error(`a handler for ${topic} is already registered`);
    this.registrations.set(topic, registration);
    return this;
  }

  start(): void {
    if (this.subscription || this.registrations.size === 0) return;
    this.subscription = this.bus.subscribe({
      groupId: this.settings.groupId,
      topics: [...this.registrations.keys()],
      concurrency: this.settings.concurrency,
      handle: (messages, heartbeat) => this.arrive(messages, heartbeat),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.stop();
    this.subscription = undefined;
    this.stopping = false;
  }

  /** Gathers the partitions whose messages arrive in the same turn of the event loop, then handles them together. */
  private arrive(messages: readonly IncomingMessage[], heartbeat: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.arrivals.push({ messages, heartbeat, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (this.arrivals.length === 1) setImmediate(() => void this.handleArrivals());
    });
  }

  /**
   * The arrivals in transactions of at most MAX_MESSAGES_PER_TRANSACTION messages, one after the other. After a
   * small fetch, the consumer waits lingerMs before it lets the next fetch go.
   */
  private async handleArrivals(): Promise<void> {
    const arrivals = this.arrivals;
    this.arrivals = [];
    const groups: Arrival[][] = [[]];
    let size = 0;
    for (const arrival of arrivals) {
      if (size > 0 && size + arrival.messages.length > MAX_MESSAGES_PER_TRANSACTION) {
        groups.push([]);
        size = 0;
      }
      groups[groups.length - 1].push(arrival);
      size += arrival.messages.length;
    }
    const failures = new Map<Arrival, unknown>();
    for (const group of groups) for (const [arrival, failure] of await this.handleGroup(group)) failures.set(arrival, failure);
    const total = arrivals.reduce((sum, arrival) => sum + arrival.messages.length, 0);
    if (total < LINGER_BELOW && this.lingerMs > 0 && !this.stopping) await sleep(this.lingerMs);
    for (const arrival of arrivals) arrival.done(failures.get(arrival));
  }

  /**
   * One transaction for all; if it fails, each partition on its own, so one message's failure holds back only its
   * partition. Resolves with each arrival's failure, if any.
   */
  private async handleGroup(arrivals: readonly Arrival[]): Promise<[Arrival, unknown][]> {
    if (arrivals.length > 1) {
      const messages = arrivals.flatMap((arrival) => arrival.messages);
      try {
        this.count(messages, await this.handleTogether(messages));
        return arrivals.map((arrival) => [arrival, undefined]);
      } catch {
        // Handled again below, partition by partition.
      }
    }
    return Promise.all(
      arrivals.map(async (arrival): Promise<[Arrival, unknown]> => {
        try {
          await this.handle(arrival.messages, arrival.heartbeat);
          return [arrival, undefined];
        } catch (error) {
          return [arrival, error ?? new Error('failed')];
        }
      }),
    );
  }

  private count(messages: readonly IncomingMessage[], outcomes: readonly Outcome[]): void {
    outcomes.forEach((outcome, index) => eventsConsumed.inc({ topic: messages[index].topic, outcome }));
  }

  /**
   * Messages of one partition are handled together in one transaction. When one of them fails, the ones before
   * it are handled together again, the failing one alone (retried, then dead-lettered), and the ones after it
   * together, so only a message that keeps failing is held back. A failure that cannot be pinned on one message
   * has each handled alone, in order.
   */
  private async handle(messages: readonly IncomingMessage[], heartbeat: () => Promise<void>): Promise<void> {
    let pending = messages;
    while (pending.length > 0) {
      try {
        this.count(pending, await this.handleTogether(pending));
        return;
      } catch (error) {
        const failed = error instanceof HandlingFailed ? error : undefined;
        if (failed?.index === undefined) {
          // The database, or a batch handler: no attempt is charged to any one message.
          for (const message of pending) await this.handleAlone(message, heartbeat);
          return;
        }
        if (failed.index > 0) await this.handle(pending.slice(0, failed.index), heartbeat);
        await this.handleAlone(pending[failed.index], heartbeat, failed.reason);
        pending = pending.slice(failed.index + 1);
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
   * One transaction: the inbox rows of all the messages, then the handlers of the events not seen before: each
   * event's handler in order, or a topic's batch handler once with all of its events. A redelivered event (or the
   * same event twice in the list) finds its row and is skipped.
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
    return runInTransaction(poolOf(this.dataSource), async (transaction) => {
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
      const batches = new Map<BatchEventHandler<EventDefinition>, DecodedEvent<EventDefinition>[]>();
      for (const [index, { registration, event }] of events.entries()) {
        if (!firstSeen.delete(event.envelope.id)) {
          outcomes.push('duplicate');
          continue;
        }
        outcomes.push('processed');
        if ('all' in registration) {
          const batch = batches.get(registration.all) ?? [];
          batch.push(event);
          batches.set(registration.all, batch);
          continue;
        }
        try {
          await runInTraceContext(contextOfEvent(event.envelope), () => registration.each(event, transaction));
        } catch (error) {
          throw new HandlingFailed(index, error);
        }
      }
      for (const [handler, batch] of batches) {
        try {
          await handler(batch, transaction);
        } catch (error) {
          throw new HandlingFailed(batch.length === 1 ? events.findIndex(({ event }) => event === batch[0]) : undefined, error);
        }
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
