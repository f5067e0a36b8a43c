import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { InboxConsumer, KafkaMessageBus, OutboxRelay, OutboxWriter, type EventHandler, type RetrySettings } from '@ugov/messaging';
import { openServiceDatabase } from '@ugov/persistence';
import {
  backboneEvent,
  backboneSchemaSql,
  caseSubmittedBody,
  createTestDatabase,
  deleteTopicsUnder,
  NodeProcess,
  repoRoot,
  TEST_TOPIC_PARTITIONS,
  testBrokers,
  TopicReader,
  waitFor,
  type BackboneEvent,
} from '@ugov/testing';

const SCHEMA = 'backbone';
const WORKER_SCRIPT = 'libs/testing/src/backbone-worker.js';
const REPLAY_SCRIPT = 'scripts/dlq-replay/dlq-replay.js';

export interface PlannedEvent {
  readonly caseId: string;
  /** Position among the events of its case. */
  readonly sequence: number;
}

/** One event for each of `count` new cases. */
export function newCases(count: number): PlannedEvent[] {
  const run = randomBytes(3).toString('hex');
  return Array.from({ length: count }, (_, index) => ({ caseId: `case-${run}-${index}`, sequence: 0 }));
}

async function closeAll(closers: (() => Promise<unknown>)[]): Promise<void> {
  for (const close of closers.reverse()) await close().catch(() => undefined);
}

/**
 * Everything one backbone test needs, fresh: its own database with the outbox, inbox and effects
 * tables, its own topic, and the relays and consumers it starts (in this process or as workers).
 * close() undoes all of it, whatever state the test left it in.
 */
export class BackboneScenario {
  readonly schema = SCHEMA;
  readonly event: BackboneEvent = backboneEvent();
  readonly writer = new OutboxWriter(SCHEMA);
  private readonly run = randomBytes(3).toString('hex');
  private readonly workers: NodeProcess[] = [];
  /** Stop the relays, consumers, readers and buses the test started; independent of each other, so run together. */
  private readonly stoppers: (() => Promise<unknown>)[] = [];

  private constructor(
    readonly name: string,
    readonly brokers: readonly string[],
    readonly databaseUrl: string,
    readonly dataSource: DataSource,
    private readonly admin: Admin,
    /** Drop the database, close its pool and the admin client (run last-in, first-out). */
    private readonly setupClosers: (() => Promise<unknown>)[],
  ) {}

  static async open(name: string, brokers: readonly string[] = testBrokers()): Promise<BackboneScenario> {
    const closers: (() => Promise<unknown>)[] = [];
    try {
      const database = await createTestDatabase(`backbone_${name.replace(/-/g, '_')}`);
      closers.push(() => database.drop());
      const dataSource = await openServiceDatabase({ url: database.url, schema: SCHEMA, entities: [], migrations: [] });
      closers.push(() => dataSource.destroy());
      for (const statement of backboneSchemaSql(SCHEMA)) await dataSource.query(statement);
      const admin = new Kafka({ clientId: `backbone-test-${name}`, brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
      closers.push(() => admin.disconnect());
      await admin.connect();
      return new BackboneScenario(name, brokers, database.url, dataSource, admin, closers);
    } catch (error) {
      await closeAll(closers);
      throw error;
    }
  }

  newGroupId(role: string): string {
    return `backbone-${this.name}-${role}-${this.run}`;
  }

  /** A Kafka client of this test's broker, closed with the scenario. */
  newBus(): KafkaMessageBus {
    const bus = this.createBus();
    this.stoppers.push(() => bus.close());
    return bus;
  }

  private createBus(): KafkaMessageBus {
    return new KafkaMessageBus({ brokers: this.brokers, clientId: `backbone-test-${this.name}`, topicPartitions: TEST_TOPIC_PARTITIONS });
  }

  /** Writes the events through the outbox, `perTransaction` at a time, in order; returns their event ids. */
  async appendEvents(events: readonly PlannedEvent[], perTransaction = 50): Promise<string[]> {
    const eventIds: string[] = [];
    for (let start = 0; start < events.length; start += perTransaction) {
      await this.dataSource.transaction(async (transaction) => {
        for (const { caseId, sequence } of events.slice(start, start + perTransaction)) {
          const envelope = await this.writer.append(transaction, this.event, caseId, caseSubmittedBody(caseId, sequence));
          eventIds.push(envelope.id);
        }
      });
    }
    return eventIds;
  }

  startRelay(): OutboxRelay {
    const bus = this.createBus();
    const relay = new OutboxRelay(this.dataSource, bus, { schema: SCHEMA, databaseUrl: this.databaseUrl });
    relay.start();
    this.stoppers.push(async () => {
      await relay.stop();
      await bus.close();
    });
    return relay;
  }

  startConsumer(groupId: string, handler: EventHandler<BackboneEvent>, retry?: RetrySettings): InboxConsumer {
    const bus = this.createBus();
    const consumer = new InboxConsumer(this.dataSource, bus, { schema: SCHEMA, groupId, retry }).on(this.event, handler);
    consumer.start();
    this.stoppers.push(async () => {
      await consumer.stop();
      await bus.close();
    });
    return consumer;
  }

  /** Reads the topics from the beginning, on the shared test broker. */
  async readTopics(topics: readonly string[]): Promise<TopicReader> {
    if (this.brokers.join(',') !== testBrokers().join(',')) throw new Error('TopicReader reads the shared test broker only');
    const reader = new TopicReader(topics);
    this.stoppers.push(() => reader.stop());
    return reader.start();
  }

  /** A backbone-worker.js process (libs/testing/src/backbone-worker.ts); log in .run/test-logs/<name>.log. */
  startWorker(mode: 'relay' | 'consumer', name: string, settings: Readonly<Record<string, string | number>> = {}): NodeProcess {
    const env: NodeJS.ProcessEnv = {
      DATABASE_URL: this.databaseUrl,
      BACKBONE_SCHEMA: SCHEMA,
      BACKBONE_TOPIC: this.event.topic,
      KAFKA_BROKERS: this.brokers.join(','),
      [mode === 'relay' ? 'RELAY_NAME' : 'CONSUMER_GROUP']: name,
    };
    for (const [setting, value] of Object.entries(settings)) env[setting] = String(value);
    if (!existsSync(join(repoRoot, 'dist', WORKER_SCRIPT)))
      throw new Error(`dist/${WORKER_SCRIPT} is missing: run \`npm run build\` first`);
    const worker = new NodeProcess(`backbone-${this.name}-${mode}-${name}-${this.run}`, WORKER_SCRIPT, env, [mode]).start();
    this.workers.push(worker);
    return worker;
  }

  /** Runs `npm run dlq:replay -- <args>` against this test's database and broker, and waits until it ends. */
  async replayDeadLetters(...args: string[]): Promise<{ exitCode: number; output: string }> {
    const script = join(repoRoot, 'dist', REPLAY_SCRIPT);
    if (!existsSync(script)) throw new Error(`dist/${REPLAY_SCRIPT} is missing: run \`npm run build\` first`);
    const env = { ...process.env, DATABASE_URL: this.databaseUrl, KAFKA_BROKERS: this.brokers.join(','), KAFKA_TOPIC_PREFIX: '' };
    return new Promise((resolve) => {
      execFile(process.execPath, [script, ...args], { cwd: repoRoot, env, timeout: 120000 }, (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ exitCode, output: `${stdout}${stderr}` });
      });
    });
  }

  /** Waits until the worker's log (.run/test-logs) has a line containing `text`. */
  async waitForLog(worker: NodeProcess, text: string, timeoutMs = 60000): Promise<void> {
    await waitFor(`"${text}" in ${worker.logFile}`, async () => (await readFile(worker.logFile, 'utf8')).includes(text), timeoutMs);
  }

  async relayPublications(): Promise<{ batches: number; events: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS batches, coalesce(sum(events), 0)::int AS events FROM "${SCHEMA}".relay_publications`,
    );
    return row;
  }

  async outboxSize(): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM "${SCHEMA}".outbox`);
    return count;
  }

  async effectCount(groupId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM "${SCHEMA}".effects WHERE consumer_group = $1`, [
      groupId,
    ]);
    return count;
  }

  /** How many times the group applied each event's effect. */
  async effectsPerEvent(groupId: string): Promise<Record<string, number>> {
    const rows: { event_id: string; count: number }[] = await this.dataSource.query(
      `SELECT event_id, count(*)::int AS count FROM "${SCHEMA}".effects WHERE consumer_group = $1 GROUP BY event_id`,
      [groupId],
    );
    return Object.fromEntries(rows.map((row) => [row.event_id, row.count]));
  }

  /** Messages on the topic (duplicates included), from its partitions' end offsets. */
  async messagesOnTopic(topic = this.event.topic): Promise<number> {
    const partitions = await this.admin.fetchTopicOffsets(topic);
    return partitions.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  }

  /** The group's committed offset per partition of the topic (-1 where it has committed none). */
  async committedOffsets(groupId: string, topic = this.event.topic): Promise<Map<number, number>> {
    const [committed] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map(committed.partitions.map((partition) => [partition.partition, Number(partition.offset)]));
  }

  /** The group's state and members, as the group coordinator sees them. */
  async groupMembers(groupId: string): Promise<{ state: string; memberIds: string[] }> {
    const { groups } = await this.admin.describeGroups([groupId]);
    return { state: groups[0].state, memberIds: groups[0].members.map((member) => member.memberId).sort() };
  }

  /**
   * Waits until the topic holds at least `atLeast` messages and the group has committed the offset of
   * every one of them: by then each was handled (or dead-lettered), redeliveries included.
   */
  async waitUntilConsumed(groupId: string, atLeast: number, timeoutMs = 90000, topic = this.event.topic): Promise<void> {
    await waitFor(
      `${groupId} to consume all of ${topic} (at least ${atLeast} messages)`,
      async () => {
        const ends = await this.admin.fetchTopicOffsets(topic);
        if (ends.reduce((sum, end) => sum + Number(end.high), 0) < atLeast) return false;
        const committed = await this.committedOffsets(groupId, topic);
        return ends.every((end) => end.high === '0' || committed.get(end.partition) === Number(end.high));
      },
      timeoutMs,
      250,
    );
  }

  /** Every written event had its effect exactly once, and nothing else did. */
  async expectEachEventHandledOnce(groupId: string, eventIds: readonly string[]): Promise<void> {
    expect(await this.effectsPerEvent(groupId)).toEqual(Object.fromEntries(eventIds.map((eventId) => [eventId, 1])));
  }

  /** Stops workers and in-process relays/consumers, deletes the topics, drops the database; never throws. */
  async close(): Promise<void> {
    // Each kafkajs consumer takes up to its fetch wait (5 s) to stop: stopped together, they cost that once.
    await Promise.all([...this.workers.map((worker) => worker.kill()), ...this.stoppers.map((stop) => stop().catch(() => undefined))]);
    // Deleted only once nothing reads them: the broker auto-creates a topic that a live consumer still asks for.
    // The topic and its dead-letter topic (`<topic>.dlq`) share the topic's name as a prefix.
    await deleteTopicsUnder(this.event.topic, this.brokers).catch(() => undefined);
    await closeAll(this.setupClosers);
  }
}
