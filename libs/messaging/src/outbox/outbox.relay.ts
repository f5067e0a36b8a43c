import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { eventsPublished } from '@ugov/observability';
import type { MessageBus, OutgoingMessage } from '../message-bus.port';
import { outboxChannel } from './outbox.schema';

export interface OutboxRelaySettings {
  readonly schema: string;
  readonly databaseUrl: string;
  readonly batchSize?: number;
  /** A safety net: the relay also looks every so often in case a notification was missed. */
  readonly pollIntervalMs?: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: Buffer;
  headers: Record<string, string>;
}

/**
 * Keys are spread over this many buckets; a relay holds a transaction-scoped advisory lock on
 * every bucket it publishes from, so several relays can run at once and still keep each case's order.
 */
const KEY_BUCKETS = 64;

/**
 * A relay picks its buckets among the cases of this many batches' worth of the oldest rows: looking only at
 * the oldest batch, it would find nothing but the cases another relay is busy with, and stay idle.
 */
const CLAIM_LOOKAHEAD_BATCHES = 4;

/**
 * Publishes committed outbox rows to Kafka, oldest first, then deletes them in the same transaction.
 * If the broker is down the transaction rolls back and the rows wait; a crash after publishing and
 * before the commit publishes them again, which the consumers' inbox absorbs (at-least-once).
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
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
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    void this.listen();
    this.running = this.loop();
  }

  /** Stops waking up, finishes the batch in flight, then makes one last attempt to publish what is left. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = undefined;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    await this.drain().catch((error: Error) => this.logger.warn(`final flush failed, rows stay in the outbox: ${error.message}`));
  }

  /** Publishes until the outbox is empty; returns how many events went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (let published = this.batchSize; published === this.batchSize; total += published) {
      published = await this.publishBatch();
    }
    return total;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      this.woken = false;
      try {
        await this.drain();
        failures = 0;
        await this.sleep(this.pollIntervalMs);
      } catch (error) {
        failures++;
        const delay = Math.min(10000, 200 * 2 ** failures);
        this.logger.warn(`cannot publish outbox of ${this.settings.schema} (${(error as Error).message}); retrying in ${delay} ms`);
        await this.sleep(delay, true);
      }
    }
  }

  private publishBatch(): Promise<number> {
    const schema = this.settings.schema;
    const bucketOfRow = `hashtext(message_key) & ${KEY_BUCKETS - 1}`;
    return this.dataSource.transaction(async (transaction) => {
      // Lock the buckets first and read their rows in a second statement, whose snapshot is taken once the
      // locks are held: it sees every row left in those buckets, so the batch holds each case's oldest events.
      // Locking row by row in one scan could pass over an event whose bucket was busy, then, the other relay
      // having committed meanwhile, take the same case's next event and publish it first.
      const buckets: { bucket: number }[] = await transaction.query(
        `SELECT bucket FROM (SELECT DISTINCT ${bucketOfRow} AS bucket
                               FROM (SELECT message_key FROM "${schema}".outbox ORDER BY id LIMIT $1) AS oldest) AS candidates
          WHERE pg_try_advisory_xact_lock(hashtext('${schema}.outbox'), bucket)`,
        [this.batchSize * CLAIM_LOOKAHEAD_BATCHES],
      );
      if (buckets.length === 0) return 0;
      const rows: OutboxRow[] = await transaction.query(
        `SELECT id, topic, message_key, payload, headers FROM "${schema}".outbox
          WHERE ${bucketOfRow} = ANY($2::int[])
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize, buckets.map((row) => row.bucket)],
      );
      if (rows.length === 0) return 0;
      const messages: OutgoingMessage[] = rows.map((row) => ({
        topic: row.topic,
        key: row.message_key,
        value: row.payload,
        headers: row.headers,
      }));
      await this.bus.ensureTopics([...new Set(messages.map((message) => message.topic))]);
      await this.bus.publish(messages);
      await transaction.query(`DELETE FROM "${schema}".outbox WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      for (const message of messages) eventsPublished.inc({ topic: message.topic });
      return rows.length;
    });
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
      if (!this.stopping) await new Promise((resolve) => setTimeout(resolve, 1000));
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
