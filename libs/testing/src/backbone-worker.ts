/**
 * A relay or a consumer of the backbone test event, in a process of its own so that a test can
 * SIGKILL it mid-batch (test/backbone):
 *
 *   node dist/libs/testing/src/backbone-worker.js relay|consumer
 *
 * Env: DATABASE_URL, BACKBONE_SCHEMA, BACKBONE_TOPIC, KAFKA_BROKERS (default 127.0.0.1:9092);
 *   relay:    RELAY_NAME, RELAY_BATCH_SIZE (default 500), STALL_AFTER_BATCHES (default: never),
 *             PUBLISH_JITTER_MS (default 0)
 *   consumer: CONSUMER_GROUP, HANDLER_DELAY_MS (default 0),
 *             STALL_AFTER_HANDLED_MESSAGES (default: never)
 * SIGTERM shuts down the way a service does; exit code 0 means everything closed cleanly.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  InboxConsumer,
  KafkaMessageBus,
  MessageBus,
  OutboxRelay,
  type OutgoingMessage,
  type Subscription,
  type SubscriptionOptions,
} from '@ugov/messaging';
import { JsonLogger } from '@ugov/observability';
import { openServiceDatabase } from '@ugov/persistence';
import { backboneEvent, recordEffect } from './backbone-fixture';
import { TEST_TOPIC_PARTITIONS } from './test-topics';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stopWith(message: string): never {
  process.stderr.write(`backbone-worker: ${message}\n`);
  process.exit(2);
}

function requiredSetting(name: string): string {
  const value = process.env[name];
  if (!value) stopWith(`${name} is not set`);
  return value;
}

function numberSetting(name: string): number | undefined;
function numberSetting(name: string, fallback: number): number;
function numberSetting(name: string, fallback?: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) stopWith(`${name} must be a whole number, got "${raw}"`);
  return value;
}

interface Disturbances {
  /** Freeze right after publishing this batch, before it is deleted from the outbox. */
  readonly stallAfterBatches?: number;
  /** Wait up to this long, at random, before publishing a claimed batch. */
  readonly publishJitterMs: number;
  /** Handle exactly this many messages, then freeze every partition: the last batches' effects are committed, their offsets are not. */
  readonly stallAfterHandledMessages?: number;
}

/**
 * The real bus, plus a note of each published batch (so a test can see which relay did the work), and
 * disturbances a test may ask for: a stall after publishing is the moment a SIGKILL makes the next relay
 * publish the batch again; jitter before publishing (a GC pause, a slow network) lets a batch claimed later
 * overtake one claimed earlier, which only the relay's per-case locks keep from reordering a case; a stall
 * after handling is the moment a SIGKILL makes the next consumer receive events whose effects are committed.
 */
class DisturbedBus extends MessageBus {
  private batches = 0;
  private handledMessages = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly relayName: string,
    private readonly disturbances: Disturbances,
  ) {
    super();
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.disturbances.publishJitterMs > 0) await sleep(Math.random() * this.disturbances.publishJitterMs);
    await this.bus.publish(messages);
    await this.dataSource.query(`INSERT INTO "${this.schema}".relay_publications (relay_name, events) VALUES ($1, $2)`, [
      this.relayName,
      messages.length,
    ]);
    if (++this.batches === this.disturbances.stallAfterBatches) await new Promise<never>(() => undefined);
  }

  subscribe(options: SubscriptionOptions): Subscription {
    const stallAfter = this.disturbances.stallAfterHandledMessages;
    if (stallAfter === undefined) return this.bus.subscribe(options);
    return this.bus.subscribe({
      ...options,
      handle: async (messages, heartbeat) => {
        // Partitions are handled concurrently, and one fetch may bring a partition's every message: so each call
        // takes its share of the allowance before handling, and exactly stallAfter messages are ever handled.
        const share = messages.slice(0, Math.max(0, stallAfter - this.handledMessages));
        this.handledMessages += share.length;
        if (share.length > 0) await options.handle(share, heartbeat);
        if (this.handledMessages >= stallAfter) await new Promise<never>(() => undefined);
      },
    });
  }

  get maxRequestBytes(): number {
    return this.bus.maxRequestBytes;
  }

  ensureTopics(topics: readonly string[]): Promise<void> {
    return this.bus.ensureTopics(topics);
  }

  isReachable(): Promise<boolean> {
    return this.bus.isReachable();
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'relay' && mode !== 'consumer') stopWith(`usage: backbone-worker.js relay|consumer (got "${mode ?? ''}")`);
  const name = mode === 'relay' ? requiredSetting('RELAY_NAME') : requiredSetting('CONSUMER_GROUP');
  Logger.overrideLogger(new JsonLogger(`backbone-${mode}-${name}`));
  const logger = new Logger('BackboneWorker');

  const databaseUrl = requiredSetting('DATABASE_URL');
  const schema = requiredSetting('BACKBONE_SCHEMA');
  const event = backboneEvent(requiredSetting('BACKBONE_TOPIC'));
  const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');

  const dataSource = await openServiceDatabase({ url: databaseUrl, schema, entities: [], migrations: [] });
  const bus = new KafkaMessageBus({
    brokers,
    clientId: `backbone-${mode}-${name}`,
    topicPartitions: TEST_TOPIC_PARTITIONS,
  });

  let stopWork: () => Promise<void>;
  if (mode === 'relay') {
    const relayBus = new DisturbedBus(bus, dataSource, schema, name, {
      stallAfterBatches: numberSetting('STALL_AFTER_BATCHES'),
      publishJitterMs: numberSetting('PUBLISH_JITTER_MS', 0),
    });
    const relay = new OutboxRelay(dataSource, relayBus, { schema, databaseUrl, batchSize: numberSetting('RELAY_BATCH_SIZE', 500) });
    relay.start();
    stopWork = () => relay.stop();
  } else {
    const handlerDelayMs = numberSetting('HANDLER_DELAY_MS', 0);
    const consumerBus = new DisturbedBus(bus, dataSource, schema, name, {
      publishJitterMs: 0,
      stallAfterHandledMessages: numberSetting('STALL_AFTER_HANDLED_MESSAGES'),
    });
    const consumer = new InboxConsumer(dataSource, consumerBus, { schema, groupId: name }).on(event, async (decoded, transaction) => {
      await recordEffect(transaction, schema, name, decoded);
      // Keeps the transaction open after the effect, so a SIGKILL is likely to land before its commit.
      if (handlerDelayMs > 0) await sleep(handlerDelayMs);
    });
    consumer.start();
    stopWork = () => consumer.stop();
  }
  logger.log(`${mode} ${name} started on ${event.topic}`);

  process.once('SIGTERM', () => {
    void (async () => {
      logger.log('SIGTERM: stopping');
      await stopWork();
      await bus.close();
      await dataSource.destroy();
      logger.log('stopped');
      // Everything is closed, so the process should now end by itself; if it does not, a handle leaked.
      setTimeout(() => stopWith('still running 10 s after shutdown: a handle leaked'), 10000).unref();
    })().catch((error: Error) => stopWith(`shutdown failed: ${error.stack ?? error.message}`));
  });
}

main().catch((error: Error) => stopWith(`start failed: ${error.stack ?? error.message}`));
