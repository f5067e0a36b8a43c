import { Kafka, logLevel } from 'kafkajs';
import { KafkaMessageBus } from '@ugov/messaging';

/** The broker tests and benchmarks share: KAFKA_BROKERS, or the local one the launcher starts. */
export const testBrokers = (): string[] => (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** The services' default KAFKA_TOPIC_PARTITIONS, so tests and benchmarks see the same layout. */
export const TEST_TOPIC_PARTITIONS = 6;

/** Creates the missing topics and waits until every partition is served, exactly as a service does. */
export async function ensureTopics(topics: readonly string[], brokers: readonly string[] = testBrokers()): Promise<void> {
  const bus = new KafkaMessageBus({ brokers, clientId: 'ugov-test-topics', topicPartitions: TEST_TOPIC_PARTITIONS });
  try {
    await bus.ensureTopics(topics);
  } finally {
    await bus.close();
  }
}

/**
 * Deletes every topic a run made under its prefix, so runs leave the shared broker as they found it.
 * Call it only once nothing reads them: the broker auto-creates a topic that a live consumer still asks for.
 */
export async function deleteTopicsUnder(prefix: string, brokers: readonly string[] = testBrokers()): Promise<void> {
  const admin = new Kafka({ clientId: 'ugov-test-cleanup', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours, timeout: 10000 });
  } finally {
    await admin.disconnect();
  }
}
