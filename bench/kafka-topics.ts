import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { testBrokers } from '@ugov/testing';

/** Same partition count as the services create (KAFKA_TOPIC_PARTITIONS), so the baseline has the same layout. */
export const BENCH_TOPIC_PARTITIONS = 6;

export function benchKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: testBrokers(), logLevel: logLevel.ERROR });
}

/** A topic prefix no other run uses, so runs can share the broker. */
export function uniqueTopicPrefix(): string {
  return `bench-${randomBytes(4).toString('hex')}.`;
}

export async function createMissingTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: BENCH_TOPIC_PARTITIONS })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/** Deletes every topic a run made under its prefix, so benchmarks leave the shared broker as they found it. */
export async function deleteTopicsUnder(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
  } finally {
    await admin.disconnect();
  }
}
