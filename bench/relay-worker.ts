/**
 * One outbox relay in a process of its own, as a service runs it, for the relay benchmark:
 *   node dist/bench/relay-worker.js   (env: DATABASE_URL, RELAY_SCHEMA, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX)
 * Prints "ready" once started; SIGTERM stops it the way a service stops.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { KafkaMessageBus, OutboxRelay } from '@ugov/messaging';
import { JsonLogger } from '@ugov/observability';
import { openServiceDatabase } from '@ugov/persistence';
import { TEST_TOPIC_PARTITIONS } from '@ugov/testing';

async function main(): Promise<void> {
  Logger.overrideLogger(new JsonLogger('bench-relay'));
  const databaseUrl = process.env.DATABASE_URL!;
  const schema = process.env.RELAY_SCHEMA!;
  const dataSource = await openServiceDatabase({ url: databaseUrl, schema, entities: [], migrations: [] });
  const bus = new KafkaMessageBus({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    clientId: 'ugov-bench-relay',
    topicPrefix: process.env.KAFKA_TOPIC_PREFIX,
    topicPartitions: TEST_TOPIC_PARTITIONS,
  });
  const relay = new OutboxRelay(dataSource, bus, { schema, databaseUrl });
  relay.start();
  console.log('ready');
  process.once('SIGTERM', () => {
    void (async () => {
      await relay.stop();
      await bus.close();
      await dataSource.destroy();
      process.exit(0);
    })();
  });
}

main().catch((error: Error) => {
  console.error(`relay worker failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
