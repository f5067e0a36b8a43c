import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { poolOf, runInTransaction } from '@ugov/persistence';
import { eventsParked, eventsPublished } from '@ugov/observability';
import { MessageTooLargeError, messageSizeOf, type MessageBus, type OutgoingMessage } from '../message-bus.port';
import { outboxChannel } from './outbox.schema';
import type { SqlExecutor } from './outbox.writer';

/** An event Kafka refused for its size, moved from the outbox to outbox_parked. */
export interface ParkedEvent {
  readonly eventId: string;
  readonly topic: string;
  readonly key: string;
  readonly sizeBytes: number;
  readonly reason: string;
}

export interface OutboxRelaySettings {
  readonly schema: string;
  readonly databaseUrl: string;
  readonly batchSize?: number;
  /** A safety net: the relay also looks every so often in case a notification was missed. */
  readonly pollIntervalMs?: number;
  /** How long stop() may go on publishing what is left before it leaves the rest for the next start. */
  readonly finalFlushTimeoutMs?: number;
  /** See DEFAULT_LINGER_MS; 0 publishes each batch as soon as it can. */
  readonly lingerMs?: number;
  /** Runs in the transaction that parks events, so that others hear of them exactly when they are parked. */
  readonly onParked?: (transaction: SqlExecutor, parked: readonly ParkedEvent[]) => Promise<void>;
}

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  payload: Buffer;
  headers: Record<string, string>;
}

interface BatchOutcome {
  readonly published: number;
  readonly parked: number;
  /** The batch was full: more rows wait behind it. */
  readonly full: boolean;
  /** Rows wait, but every bucket they are in is held by another relay. */
  readonly busy: boolean;
}

/** What publishing a batch achieved; `failure` stops it part-way, and what went out before is still deleted. */
interface Publication {
  readonly published: OutboxRow[];
  readonly parked: { readonly row: OutboxRow; readonly event: ParkedEvent }[];
  readonly failure?: unknown;
}

/**
 * A relay claims buckets among the cases of this many batches' worth of the oldest rows: looking only at the
 * oldest batch, it would find nothing but the cases another relay is busy with, and stay idle.
 */
const CLAIM_LOOKAHEAD_BATCHES = 4;

/** How soon a relay looks again when every waiting row belongs to buckets another relay is publishing. */
const BUSY_RETRY_MS = 20;

/**
 * When rows keep coming (more were committed while a batch was out), the relay waits this long before the next
 * batch, so that one produce request and one transaction carry several events instead of one each.
 */
const DEFAULT_LINGER_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function messageOf(row: OutboxRow): OutgoingMessage {
  return { topic: row.topic, key: row.message_key, value: row.payload, headers: row.headers };
}

/**
 * Publishes committed outbox rows to Kafka, oldest first, then deletes them in the same transaction.
 * A relay claims key buckets (transaction-scoped advisory locks) covering about one batch, so several relays
 * share the work and each case's events still go out in order. A batch is split into produce requests that
 * fit the broker's limits; an event the broker refuses even alone is parked (outbox_parked) with the reason,
 * and everything behind it flows. If the broker is down the transaction rolls back and the rows wait; a crash
 * after publishing and before the commit publishes them again, which the consumers' inbox absorbs.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly finalFlushTimeoutMs: number;
  private readonly lingerMs: number;
  private listener: Client | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private woken = false;
  private wake: () => void = () => undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly settings: OutboxRelaySettings,
  ) {
    this.batchSize = settings.batchSize ?? 500;
    this.pollIntervalMs = settings.pollIntervalMs ?? 2000;
    this.finalFlushTimeoutMs = settings.finalFlushTimeoutMs ?? 10000;
    this.lingerMs = settings.lingerMs ?? DEFAULT_LINGER_MS;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    void this.listen();
    this.running = this.loop();
  }

  /**
   * Stops waking up, finishes the batch in flight, then publishes what is left, for at most finalFlushTimeoutMs
   * in all: whatever is not out by then stays in the outbox for the next start.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    const deadline = Date.now() + this.finalFlushTimeoutMs;
    const flush = (async () => {
      await this.running;
      this.running = undefined;
      await this.listener?.end().catch(() => undefined);
      this.listener = undefined;
      await this.drain(deadline);
    })().then(
      () => true,
      (error: Error) => {
        this.logger.warn(`final flush of ${this.settings.schema} failed, rows stay in the outbox: ${error.message}`);
        return true;
      },
    );
    const finished = await Promise.race([flush, sleep(this.finalFlushTimeoutMs).then(() => false)]);
    if (!finished)
      this.logger.warn(
        `final flush of ${this.settings.schema} took over ${this.finalFlushTimeoutMs} ms; the rest waits for the next start`,
      );
  }

  /**
   * Publishes until nothing is left that this relay can claim (rows in buckets another relay holds are that
   * relay's to publish), or until the deadline; returns how many events went out.
   */
  async drain(deadline = Infinity): Promise<number> {
    let total = 0;
    for (let full = true; full && Date.now() <= deadline;) {
      const outcome = await this.publishBatch();
      total += outcome.published;
      full = outcome.full;
    }
    return total;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      this.woken = false;
      try {
        const outcome = await this.publishBatch();
        failures = 0;
        if (outcome.full) continue;
        if (outcome.busy) await this.sleep(BUSY_RETRY_MS);
        else if (this.woken && outcome.published > 0 && this.lingerMs > 0) await this.sleep(this.lingerMs, true);
        else await this.sleep(this.pollIntervalMs);
      } catch (error) {
        failures++;
        const delay = Math.min(10000, 200 * 2 ** failures);
        this.logger.warn(`cannot publish outbox of ${this.settings.schema} (${(error as Error).message}); retrying in ${delay} ms`);
        await this.sleep(delay, true);
      }
    }
  }

  private async publishBatch(): Promise<BatchOutcome> {
    const schema = this.settings.schema;
    let failure: unknown;
    const outcome = await runInTransaction(poolOf(this.dataSource), async (transaction): Promise<BatchOutcome> => {
      // One round trip: the function claims key buckets for a batch and reads their rows once the locks are held.
      const rows: OutboxRow[] = await transaction.query(`SELECT * FROM "${schema}".claim_outbox_batch($1, $2)`, [
        this.batchSize * CLAIM_LOOKAHEAD_BATCHES,
        this.batchSize,
      ]);
      if (rows.length === 0) {
        const waiting: unknown[] = await transaction.query(`SELECT 1 FROM "${schema}".outbox LIMIT 1`);
        return { published: 0, parked: 0, full: false, busy: waiting.length > 0 };
      }
      const publication = await this.publish(rows);
      const done = [...publication.published, ...publication.parked.map(({ row }) => row)];
      if (publication.parked.length > 0) await this.park(transaction, publication.parked);
      if (done.length > 0)
        await transaction.query(`DELETE FROM "${schema}".outbox WHERE id = ANY($1::bigint[])`, [done.map((row) => row.id)]);
      // Nothing went out: roll back. Something did: commit that much, then report the failure.
      if (publication.failure !== undefined && done.length === 0) throw publication.failure;
      failure = publication.failure;
      return {
        published: publication.published.length,
        parked: publication.parked.length,
        full: rows.length === this.batchSize,
        busy: false,
      };
    });
    if (failure !== undefined) throw failure;
    return outcome;
  }

  /**
   * Sends the rows in order, in requests of at most the bus's maxRequestBytes. A request the broker refuses for
   * its size is split in two and each half sent in turn; a single event it refuses is parked.
   */
  private async publish(rows: readonly OutboxRow[]): Promise<Publication> {
    const published: OutboxRow[] = [];
    const parked: { row: OutboxRow; event: ParkedEvent }[] = [];
    const queue = this.requestsOf(rows);
    while (queue.length > 0) {
      const request = queue.shift()!;
      try {
        const messages = request.map(messageOf);
        await this.bus.publish(messages);
        published.push(...request);
        for (const message of messages) eventsPublished.inc({ topic: message.topic });
      } catch (error) {
        if (!(error instanceof MessageTooLargeError)) return { published, parked, failure: error };
        if (request.length > 1) {
          const half = Math.ceil(request.length / 2);
          queue.unshift(request.slice(0, half), request.slice(half));
          continue;
        }
        const [row] = request;
        parked.push({
          row,
          event: {
            eventId: row.event_id,
            topic: row.topic,
            key: row.message_key,
            sizeBytes: messageSizeOf(messageOf(row)),
            reason: error.message,
          },
        });
      }
    }
    return { published, parked };
  }

  /** Consecutive rows grouped into requests of at most maxRequestBytes (a larger event goes alone). */
  private requestsOf(rows: readonly OutboxRow[]): OutboxRow[][] {
    const requests: OutboxRow[][] = [];
    let current: OutboxRow[] = [];
    let bytes = 0;
    for (const row of rows) {
      const size = messageSizeOf(messageOf(row));
      if (current.length > 0 && bytes + size > this.bus.maxRequestBytes) {
        requests.push(current);
        current = [];
        bytes = 0;
      }
      current.push(row);
      bytes += size;
    }
    if (current.length > 0) requests.push(current);
    return requests;
  }

  private async park(transaction: SqlExecutor, parked: Publication['parked']): Promise<void> {
    const schema = this.settings.schema;
    await transaction.query(
      `INSERT INTO "${schema}".outbox_parked (id, event_id, topic, message_key, payload, headers, created_at, size_bytes, reason)
       SELECT o.id, o.event_id, o.topic, o.message_key, o.payload, o.headers, o.created_at, p.size_bytes, p.reason
         FROM "${schema}".outbox o JOIN unnest($1::bigint[], $2::int[], $3::text[]) AS p(id, size_bytes, reason) ON o.id = p.id`,
      [parked.map(({ row }) => row.id), parked.map(({ event }) => event.sizeBytes), parked.map(({ event }) => event.reason)],
    );
    for (const { event } of parked) {
      eventsParked.inc({ topic: event.topic });
      this.logger.error(
        `parked event ${event.eventId} of ${event.topic} (key ${event.key}, ${event.sizeBytes} bytes): ${event.reason}; the events behind it go on`,
      );
    }
    await this.settings.onParked?.(
      transaction,
      parked.map(({ event }) => event),
    );
  }

  private async listen(): Promise<void> {
    while (!this.stopping) {
      const client = new Client({ connectionString: this.settings.databaseUrl });
      // An idle client that loses its server emits 'error'; unheard, that would end the process.
      client.on('error', (error) => this.logger.warn(`outbox listener lost its connection (${error.message})`));
      try {
        await client.connect();
        client.on('notification', () => {
          this.woken = true;
          this.wake();
        });
        await client.query(`LISTEN "${outboxChannel(this.settings.schema)}"`);
        // A stop() that came while connecting could not end this client: then it ends here.
        if (!this.stopping) {
          this.listener = client;
          await new Promise<void>((resolve) => client.once('error', () => resolve()).once('end', () => resolve()));
        }
      } catch (error) {
        this.logger.warn(`outbox listener disconnected (${(error as Error).message})`);
      }
      await client.end().catch(() => undefined);
      if (!this.stopping) await sleep(1000);
    }
  }

  /** Waits for a notification or the timeout; a notification during the last batch means go on at once. */
  private sleep(ms: number, ignoreNotifications = false): Promise<void> {
    if ((this.woken && !ignoreNotifications) || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = ignoreNotifications ? () => (this.stopping ? done() : undefined) : done;
    });
  }
}
