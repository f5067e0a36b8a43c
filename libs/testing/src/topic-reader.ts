import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { incomingMessage, type IncomingMessage } from '@ugov/messaging';
import { ensureTopics, testBrokers } from './test-topics';

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
    const physical = this.topics.map((topic) => `${this.prefix}${topic}`);
    await ensureTopics(physical);
    this.consumer = kafka.consumer({ groupId: `ugov-test-reader-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: physical, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.messages.push(incomingMessage(topic.slice(this.prefix.length), partition, message));
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
