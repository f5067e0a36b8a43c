import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { ensureTopics, waitFor } from '@ugov/testing';

/**
 * Notes when each message first reaches a consumer, by an id taken from the message. Unlike
 * TopicReader (which keeps messages for assertions) it keeps only arrival times, cheaply.
 */
export class TopicArrivals {
  /** performance.now() of each id's first arrival, by topic. */
  private readonly arrivals = new Map<string, Map<string, number>>();
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: readonly string[],
    private readonly idOf: (message: KafkaMessage) => string | undefined,
  ) {}

  /** Resolves once the consumer has joined its group and holds its partitions, so no arrival is late for that reason. */
  async start(): Promise<this> {
    await ensureTopics(this.topics);
    const consumer = this.kafka.consumer({ groupId: `ugov-bench-${randomUUID()}` });
    this.consumer = consumer;
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const atMs = performance.now();
        const id = this.idOf(message);
        const onTopic = this.arrivals.get(topic) ?? new Map<string, number>();
        this.arrivals.set(topic, onTopic);
        if (id !== undefined && !onTopic.has(id)) onTopic.set(id, atMs);
      },
    });
    await waitFor('the benchmark consumer to join its group', () => joined, 30000, 50);
    return this;
  }

  /** When `id` first arrived on `topic`, as performance.now(). */
  arrivalAt(topic: string, id: string): number | undefined {
    return this.arrivals.get(topic)?.get(id);
  }

  /** Waits until every id has arrived on at least one of `topics`, or the time is up; returns how many are still missing. */
  async waitForAll(ids: readonly string[], topics: readonly string[], timeoutMs: number): Promise<number> {
    const arrived = (id: string) => topics.some((topic) => this.arrivalAt(topic, id) !== undefined);
    const deadline = performance.now() + timeoutMs;
    let missing = ids.filter((id) => !arrived(id));
    while (missing.length > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      missing = missing.filter((id) => !arrived(id));
    }
    return missing.length;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
