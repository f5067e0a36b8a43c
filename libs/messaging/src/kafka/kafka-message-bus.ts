import './kafkajs-idle-loop.fix';
import './kafkajs-empty-batches.fix';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type ConsumerRunConfig,
  type IHeaders,
  type KafkaMessage,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import {
  MessageTooLargeError,
  UnknownTopicError,
  type IncomingMessage,
  type MessageBus,
  type OutgoingMessage,
  type ReadTopicOptions,
  type Subscription,
  type SubscriptionOptions,
  type TopicHistory,
} from '../message-bus.port';
import { kafkajsSecurityOf, type KafkaSecurity } from './kafka-security';

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Partitions of the topics this service creates; partitions bound how far consumers scale out. */
  readonly topicPartitions: number;
  /**
   * Put before every topic name on the broker, so several environments (or test runs) can share one
   * cluster without reading each other's events. Services and handlers only ever see the plain names.
   */
  readonly topicPrefix?: string;
  /**
   * The most bytes one produce request carries (the relay splits its batches to fit). A partition's share of a
   * request must stay under the broker's message.max.bytes (1 MiB by default), so this is a little less.
   */
  readonly maxRequestBytes?: number;
  /** TLS and SASL; none means plaintext (a development broker). */
  readonly security?: KafkaSecurity;
}

export const DEFAULT_MAX_REQUEST_BYTES = 1000000;

/** Partitions handled at once by default: more than a service's consumer has, so none waits for another. */
const DEFAULT_PARTITIONS_AT_ONCE = 64;

/** How often a handler that takes long (retrying through a database outage, say) tells the group it is alive. */
const HEARTBEAT_WHILE_HANDLING_MS = 1000;

/** Broker error types that mean "these messages are too large", however kafkajs wrapped them. */
const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);

function isTooLarge(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { type, cause, errors } = error as { type?: string; cause?: unknown; errors?: unknown[] };
  if (type && TOO_LARGE.has(type)) return true;
  return isTooLarge(cause, depth + 1) || (Array.isArray(errors) && errors.some((inner) => isTooLarge(inner, depth + 1)));
}

/** Messages handed to a handler at once: enough to share a transaction, few enough to keep heartbeats flowing. */
const MAX_MESSAGES_PER_HANDLING = 100;

/** How long a new topic may take until each partition's leader serves it, before ensureTopics gives up (and is retried). */
const TOPIC_READY_TIMEOUT_MS = 30000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function headersOf(raw: IHeaders | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return headers;
}

/** A kafkajs message as the port hands it on; `topic` is the plain name, without the environment's prefix. */
export function incomingMessage(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value,
    headers: headersOf(message.headers),
    timestamp: new Date(Number(message.timestamp)),
  };
}

/** How often the offsets of handled messages are committed (all partitions in one request). */
const COMMIT_INTERVAL_MS = 200;

/**
 * The offsets of handled messages, committed for every partition at once, at most every COMMIT_INTERVAL_MS.
 * kafkajs's own auto-commit sends a request after every partition's batch: with a fetch spread over dozens of
 * partitions, that was most of a consumer's traffic to the broker. Offsets not yet committed when a partition
 * moves to another member are handled again there, which the inbox absorbs.
 */
class OffsetCommits {
  private readonly pending = new Map<string, { topic: string; partition: number; offset: string }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly consumer: Consumer,
    private readonly logger: Logger,
  ) {}

  /** `offset` (on the physical topic) is handled: the group's next read of the partition starts after it. */
  handled(topic: string, partition: number, offset: string): void {
    this.pending.set(`${topic}|${partition}`, { topic, partition, offset: (BigInt(offset) + 1n).toString() });
    this.timer ??= setTimeout(() => void this.flush(), COMMIT_INTERVAL_MS);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    // A rebalance may have moved the partitions on: their new member starts from the last commit, and the inbox
    // absorbs what it sees again.
    await this.consumer.commitOffsets(offsets).catch((error: Error) => this.logger.warn(`offsets not committed: ${error.message}`));
  }
}

/** The MessageBus (and TopicHistory) over kafkajs: the one place that knows the client library. */
export class KafkaMessageBus implements MessageBus, TopicHistory {
  private readonly logger = new Logger('Kafka');
  private readonly kafka: Kafka;
  private producer: Promise<Producer> | undefined;
  private admin: Promise<Admin> | undefined;
  private readonly knownTopics = new Set<string>();
  private readonly subscriptions = new Set<Subscription>();
  readonly maxRequestBytes: number;

  constructor(private readonly settings: KafkaSettings) {
    this.maxRequestBytes = settings.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: [...settings.brokers],
      ...kafkajsSecurityOf(settings.security),
      connectionTimeout: 3000,
      requestTimeout: 30000,
      retry: { initialRetryTime: 200, retries: 3 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.logKafka(entry),
    });
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, { key: string; value: Buffer; headers: Record<string, string> }[]>();
    for (const message of messages) {
      const topic = this.physical(message.topic);
      const batch = byTopic.get(topic) ?? [];
      batch.push({ key: message.key, value: Buffer.from(message.value), headers: { ...message.headers } });
      byTopic.set(topic, batch);
    }
    try {
      // A topic the broker would create on first use answers NOT_LEADER until its partitions are served.
      await this.ensureTopics([...new Set(messages.map((message) => message.topic))]);
      const producer = await this.connectedProducer();
      await producer.sendBatch({
        acks: -1,
        timeout: 30000,
        topicMessages: [...byTopic].map(([topic, batch]) => ({ topic, messages: batch })),
      });
    } catch (error) {
      // A failed idempotent producer may hold a stale producer id or sequence; start afresh next time.
      await this.resetProducer();
      if (isTooLarge(error)) throw new MessageTooLargeError((error as Error).message);
      throw error;
    }
  }

  subscribe(options: SubscriptionOptions): Subscription {
    let stopped = false;
    let consumer: Consumer | undefined;
    let commits: OffsetCommits | undefined;
    let wake: () => void = () => undefined;
    let stopRequested: () => void = () => undefined;
    const stopping = new Promise<void>((resolve) => (stopRequested = resolve));

    // One loop owns the consumer for the whole subscription: it starts it, restarts it after a crash kafkajs
    // does not recover from, and ends once stop() is called, so no restart can race a stop.
    const life = (async () => {
      for (let attempt = 0; !stopped;) {
        try {
          const current = this.newConsumer(options);
          consumer = current;
          commits = new OffsetCommits(current, this.logger);
          const crashed = new Promise<Error>((resolve) =>
            current.on(current.events.CRASH, (event) => {
              if (!event.payload.restart) resolve(event.payload.error);
            }),
          );
          await this.ensureTopics(options.topics);
          await current.connect();
          await current.subscribe({ topics: options.topics.map((topic) => this.physical(topic)), fromBeginning: true });
          await current.run(this.runConfig(options, commits));
          this.logger.log(`consumer ${options.groupId} is reading ${options.topics.join(', ')}`);
          attempt = 0;
          const crash = await Promise.race([crashed, stopping.then(() => undefined)]);
          if (stopped || !crash) return;
          this.logger.error(`consumer ${options.groupId} crashed for good, rejoining: ${crash.message}`);
        } catch (error) {
          if (stopped) return;
          const delay = Math.min(10000, 500 * 2 ** attempt++);
          this.logger.warn(`consumer ${options.groupId} cannot start (${(error as Error).message}); retrying in ${delay} ms`);
          await consumer?.disconnect().catch(() => undefined);
          consumer = undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, delay);
          });
          continue;
        }
        await consumer?.disconnect().catch(() => undefined);
        consumer = undefined;
      }
    })();

    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        stopRequested();
        wake();
        await life;
        await commits?.flush();
        await consumer?.disconnect();
        consumer = undefined;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  private newConsumer(options: SubscriptionOptions): Consumer {
    return this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 10000,
      heartbeatInterval: 3000,
      // The broker answers as soon as data arrives; this only bounds an idle fetch, which a stop waits for.
      maxWaitTimeInMs: 1000,
      // kafkajs would restart a crashed consumer by itself, on a timer that a stop can miss; the subscription's
      // own loop restarts it instead, and never after a stop.
      retry: { initialRetryTime: 300, retries: 8, restartOnFailure: async () => false },
    });
  }

  private runConfig(options: SubscriptionOptions, commits: OffsetCommits): ConsumerRunConfig {
    return {
      autoCommit: false,
      // Every partition's batch of a fetch is handled at once, so the inbox can take them in one transaction.
      partitionsConsumedConcurrently: options.concurrency ?? DEFAULT_PARTITIONS_AT_ONCE,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const topic = batch.topic.slice(this.prefix.length);
        for (let start = 0; start < batch.messages.length && isRunning() && !isStale(); start += MAX_MESSAGES_PER_HANDLING) {
          const messages = batch.messages.slice(start, start + MAX_MESSAGES_PER_HANDLING);
          // A handler retrying through a database outage must not be taken for a dead member (no rebalance storm).
          const alive = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_WHILE_HANDLING_MS);
          try {
            await options.handle(
              messages.map((message) => incomingMessage(topic, batch.partition, message)),
              heartbeat,
            );
          } finally {
            clearInterval(alive);
          }
          const last = messages[messages.length - 1].offset;
          resolveOffset(last);
          commits.handled(batch.topic, batch.partition, last);
          // Stopping: commit now, while this member still owns the partition.
          if (!isRunning()) await commits.flush();
          await heartbeat();
        }
      },
    };
  }

  /**
   * kafkajs reads only as a member of a consumer group: a group of its own, with its offsets set to the start
   * before it joins, reads each partition up to the end it had when the read began, and is deleted afterwards.
   */
  async readTopic(topic: string, options: ReadTopicOptions): Promise<void> {
    const physical = this.physical(topic);
    const admin = await this.connectedAdmin();
    if (!(await admin.listTopics()).includes(physical)) throw new UnknownTopicError(topic);
    const ends = await admin.fetchTopicOffsets(physical);
    const starts = options.since
      ? await admin.fetchTopicOffsetsByTimestamp(physical, options.since.getTime())
      : ends.map(({ partition, low }) => ({ partition, offset: low }));
    const startOf = new Map(starts.map(({ partition, offset }) => [partition, BigInt(offset)]));
    // Per partition, the offset after the last message to read.
    const unread = new Map(
      ends
        .filter(({ partition, high }) => (startOf.get(partition) ?? 0n) < BigInt(high))
        .map(({ partition, high }) => [partition, BigInt(high)]),
    );
    if (unread.size === 0) return;

    const groupId = `${this.prefix}ugov.read-topic.${randomUUID()}`;
    await admin.setOffsets({
      groupId,
      topic: physical,
      partitions: [...unread.keys()].map((partition) => ({ partition, offset: String(startOf.get(partition) ?? 0n) })),
    });
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 3000, maxWaitTimeInMs: 500 });
    let failure: unknown;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    consumer.on(consumer.events.CRASH, (event) => {
      if (event.payload.restart) return;
      failure ??= event.payload.error;
      finish();
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [physical], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: async ({ batch }) => {
          const end = unread.get(batch.partition);
          if (end === undefined || failure !== undefined) return;
          const wanted = batch.messages.filter((message) => BigInt(message.offset) < end);
          try {
            if (wanted.length > 0) await options.handle(wanted.map((message) => incomingMessage(topic, batch.partition, message)));
          } catch (error) {
            failure = error;
            finish();
            return;
          }
          if (BigInt(batch.lastOffset()) + 1n >= end) unread.delete(batch.partition);
          if (unread.size === 0) finish();
        },
      });
      await finished;
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    if (failure !== undefined) throw failure;
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    const missing = topics.map((topic) => this.physical(topic)).filter((topic) => !this.knownTopics.has(topic));
    if (missing.length === 0) return;
    try {
      const admin = await this.connectedAdmin();
      const existing = new Set(await admin.listTopics());
      const toCreate = missing.filter((topic) => !existing.has(topic));
      if (toCreate.length > 0) {
        // Resolves false, not an error, when another process created them first.
        await admin.createTopics({
          waitForLeaders: false,
          topics: toCreate.map((topic) => ({ topic, numPartitions: this.settings.topicPartitions })),
        });
      }
      await this.waitUntilServed(admin, missing);
    } catch (error) {
      // A failed connect stays cached as a rejected promise: without a reset, every later call fails at once,
      // and a consumer or relay started while Kafka was down would never get going.
      await this.resetAdmin();
      throw error;
    }
    missing.forEach((topic) => this.knownTopics.add(topic));
  }

  /**
   * A created topic is usable once the leader of each partition serves requests. In KRaft the broker learns of
   * a new topic a moment after the controller has answered CreateTopics, and names a partition's leader a moment
   * before that leader serves it: a consumer or an offset query in between fails with UNKNOWN_TOPIC_OR_PARTITION
   * or NOT_LEADER_FOR_PARTITION. A ListOffsets answered for every partition means the topic is really there.
   *
   * The topics are asked one after another: kafkajs keeps one cached metadata, and each query refreshes it for
   * the topics it knows so far; run side by side, an older refresh can land last and drop a topic just added,
   * and kafkajs then finds no partitions for it and fails with a TypeError of its own. Another caller sharing
   * this admin can still cause that, so the TypeError is taken as "not yet" too: the next query refreshes.
   */
  private async waitUntilServed(admin: Admin, topics: readonly string[]): Promise<void> {
    const deadline = Date.now() + TOPIC_READY_TIMEOUT_MS;
    let lastError: Error | undefined;
    for (;;) {
      const served = await offsetsOfEach(admin, topics).then(
        () => true,
        (error: Error & { retriable?: boolean; cause?: { retriable?: boolean } }) => {
          // kafkajs hands on a retriable error as it is, or wrapped (as its cause) once its own retries ran out.
          if (!(error.retriable || error.cause?.retriable || error instanceof TypeError)) throw error;
          lastError = error;
          return false;
        },
      );
      if (served) return;
      if (Date.now() > deadline)
        throw new Error(`topics ${topics.join(', ')} are not served after ${TOPIC_READY_TIMEOUT_MS} ms (last: ${lastError?.message})`);
      await sleep(100);
    }
  }

  async isReachable(): Promise<boolean> {
    const probe = (async () => {
      const admin = await this.connectedAdmin();
      await admin.describeCluster();
      return true;
    })().catch(async () => {
      await this.resetAdmin();
      return false;
    });
    return Promise.race([probe, sleep(2500).then(() => false)]);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await Promise.all([this.resetProducer(), this.resetAdmin()]);
  }

  private get prefix(): string {
    return this.settings.topicPrefix ?? '';
  }

  private physical(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
  }

  private async resetAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  private logKafka({ level, log }: LogEntry): void {
    // Retries are bounded on purpose: a failed send resets the producer and the outbox row is sent again,
    // and consumers' inboxes absorb the duplicate. Exactly-once does not rest on the idempotent producer.
    if (log.message.startsWith('Limiting retries for the idempotent producer')) return;
    // Another process created the topic first: createTopics resolves, and any other creation error is thrown to the caller.
    if (log.message.startsWith('Response CreateTopics')) return;
    const text = `${log.message}${log.error ? `: ${String(log.error)}` : ''}${log.broker ? ` (broker ${log.broker})` : ''}`;
    if (level === logLevel.ERROR) this.logger.error(text);
    else if (level === logLevel.WARN) this.logger.warn(text);
    else this.logger.debug(text);
  }
}

/** Each topic's offsets, one topic after another (see waitUntilServed). */
async function offsetsOfEach(admin: Admin, topics: readonly string[]): Promise<void> {
  for (const topic of topics) await admin.fetchTopicOffsets(topic);
}
