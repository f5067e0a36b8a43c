import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { IncomingMessage } from '@ugov/messaging';

export const testBrokers = (): string[] => (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** Reads topics from the beginning with a throwaway group and keeps everything it saw, for assertions. */
export class TopicReader {
  readonly messages: IncomingMessage[] = [];
  private consumer: Consumer | undefined;

  /** `prefix` is the KAFKA_TOPIC_PREFIX of the services under test; messages are kept under their plain topic names. */
  constructor(
    private readonly topics: readonly string[],
    private readonly prefix = '',
  ) {}

  async start(): Promise<this> {
    const kafka = new Kafka({ clientId: 'ugov-test-reader', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const physical = this.topics.map((topic) => `${this.prefix}${topic}`);
    const missing = physical.filter((topic) => !existing.has(topic));
    if (missing.length) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: 6 })) });
    await admin.disconnect();
    this.consumer = kafka.consumer({ groupId: `ugov-test-reader-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: physical, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = value.toString();
        this.messages.push({
          topic: topic.slice(this.prefix.length),
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value,
          headers,
        });
      },
    });
    return this;
  }

  on(topic: string, subject?: string): IncomingMessage[] {
    return this.messages.filter((message) => message.topic === topic && (subject === undefined || message.headers.ce_subject === subject));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
