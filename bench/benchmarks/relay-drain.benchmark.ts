import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createOutboxAndInboxSql, createParkedOutboxAndClaimSql, encodeEvent, OutboxWriter } from '@ugov/messaging';
import { openServiceDatabase } from '@ugov/persistence';
import { backboneEvent, caseSubmittedBody, createTestDatabase, deleteTopicsUnder, NodeProcess, waitFor } from '@ugov/testing';
import { cpuProfileArgs } from '../bench-services';
import type { BenchSettings } from '../bench-settings';
import type { CaseRequest } from '../case-requests';
import { CpuWindow, type CpuBreakdown } from '../cpu-usage';
import { uniqueTopicPrefix } from '../kafka-topics';
import { kafkaBrokerPids, postgresServer } from '../process-groups';
import { withTeardown, type Teardown } from '../teardown';

const SCHEMA = 'bench_relay';

export interface RelayDrainRun {
  readonly relays: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly cpu: CpuBreakdown | undefined;
}

export interface RelayDrainResult {
  readonly one: RelayDrainRun;
  readonly two: RelayDrainRun;
  /** two ÷ one: what a second relay instance adds. */
  readonly secondRelayGain: number;
}

/**
 * A backlog of case-submitted events (the shape intake writes) committed at once into an outbox, then published
 * by one relay process, and again by two: the time from the commit to an empty outbox. Several relays claim
 * disjoint key buckets, so a second one should add throughput, not only take over when the first fails.
 */
export function benchmarkRelayDrain(settings: BenchSettings, requests: readonly CaseRequest[]): Promise<RelayDrainResult> {
  return withTeardown(async (teardown) => {
    const database = await createTestDatabase('ugov_bench_relays');
    teardown.add('drop the relay database', () => database.drop());
    const dataSource = await openServiceDatabase({ url: database.url, schema: SCHEMA, entities: [], migrations: [] });
    teardown.add('close the relay database', () => dataSource.destroy());
    for (const sql of [...createOutboxAndInboxSql(SCHEMA), ...createParkedOutboxAndClaimSql(SCHEMA)]) await dataSource.query(sql);
    const topicPrefix = uniqueTopicPrefix();
    teardown.add('delete the relay topic', () => deleteTopicsUnder(topicPrefix));
    const event = backboneEvent();
    const writer = new OutboxWriter(SCHEMA);

    /** Commits `count` events of as many cases in one transaction, so the relays find them all at once. */
    const fillOutbox = (count: number) =>
      dataSource.transaction(async (transaction) => {
        for (let start = 0; start < count; start += 1000) {
          const events = Array.from({ length: Math.min(1000, count - start) }, (_, index) => {
            const caseId = `bench-${start + index}-${performance.now()}`;
            const request = requests[(start + index) % requests.length];
            return encodeEvent(event, caseId, { ...caseSubmittedBody(caseId), description: request.description });
          });
          await writer.appendAll(transaction, events, 'new');
        }
      });

    const drain = async (relays: number): Promise<RelayDrainRun> => {
      const workers = await startRelays(relays, database.url, topicPrefix, settings, teardown);
      // One event through first, so the topic exists and every relay's producer is connected.
      await fillOutbox(1);
      await waitFor('the warm-up event to be published', async () => (await outboxSize()) === 0, 30000, 20);
      await fillOutbox(settings.relayEvents);
      // The relays wake at the commit (NOTIFY): the clock starts there.
      const cpu = new CpuWindow();
      cpu.open();
      const startedAt = performance.now();
      await waitFor('the relays to empty the outbox', async () => (await outboxSize()) === 0, 300000, 20);
      const seconds = (performance.now() - startedAt) / 1000;
      cpu.close();
      const breakdown = cpu.breakdown({
        relays: workers.map((worker) => worker.pid!),
        PostgreSQL: await postgresServer(database.url),
        Kafka: kafkaBrokerPids(),
      });
      await Promise.all(workers.map((worker) => worker.stop()));
      return { relays, events: settings.relayEvents, seconds, eventsPerSecond: settings.relayEvents / seconds, cpu: breakdown };
    };
    const outboxSize = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox`))[0].n as number;

    const one = await drain(1);
    const two = await drain(2);
    return { one, two, secondRelayGain: two.eventsPerSecond / one.eventsPerSecond };
  });
}

async function startRelays(
  count: number,
  databaseUrl: string,
  topicPrefix: string,
  settings: BenchSettings,
  teardown: Teardown,
): Promise<NodeProcess[]> {
  const workers = Array.from({ length: count }, (_, index) =>
    new NodeProcess(
      `bench-relay-${topicPrefix}${count}-${index}`,
      'bench/relay-worker.js',
      {
        DATABASE_URL: databaseUrl,
        RELAY_SCHEMA: SCHEMA,
        KAFKA_TOPIC_PREFIX: topicPrefix,
        LOG_LEVEL: 'warn',
      },
      [],
      cpuProfileArgs(settings),
    ).start(),
  );
  teardown.add('stop the relay workers', () => Promise.all(workers.map((worker) => worker.stop())));
  for (const worker of workers) {
    await waitFor(
      `${worker.name} to start`,
      async () => (await readFile(worker.logFile, 'utf8').catch(() => '')).includes('ready'),
      60000,
      50,
    );
  }
  return workers;
}
