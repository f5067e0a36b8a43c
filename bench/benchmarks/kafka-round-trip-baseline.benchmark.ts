import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { KafkaMessage } from 'kafkajs';
import { deleteTopicsUnder } from '@ugov/testing';
import type { BenchSettings } from '../bench-settings';
import { RoundRobin } from '../case-requests';
import { benchKafka, uniqueTopicPrefix } from '../kafka-topics';
import { kafkaBrokerPids } from '../process-groups';
import { measureRoundTrips, type RoundTripResult } from '../round-trips';
import { withTeardown } from '../teardown';
import { TopicArrivals } from '../topic-arrivals';

const keyOf = (message: KafkaMessage): string | undefined => message.key?.toString();

/**
 * The broker's share of the assignment path: one kafkajs producer (acks=-1, as the outbox relay
 * publishes) sends messages the size of a case to a plain topic at the same rate, and a kafkajs
 * consumer with the same defaults as the benchmark's assignment consumer reads them back.
 * The ugov path crosses the broker twice (case-submitted, then case-assigned), this only once.
 */
export function benchmarkKafkaRoundTrip(settings: BenchSettings, bodies: readonly Buffer[]): Promise<RoundTripResult> {
  return withTeardown(async (teardown) => {
    const kafka = benchKafka('ugov-bench-round-trip');
    const prefix = uniqueTopicPrefix();
    const topic = `${prefix}round-trip`;
    teardown.add(`delete the topics under ${prefix}`, () => deleteTopicsUnder(prefix));
    const arrivals = new TopicArrivals(kafka, [topic], keyOf);
    teardown.add('stop the benchmark consumer', () => arrivals.stop());
    await arrivals.start();
    const producer = kafka.producer();
    teardown.add('disconnect the producer', () => producer.disconnect());
    await producer.connect();

    const payloads = new RoundRobin(bodies);
    return measureRoundTrips({
      ratePerSecond: settings.ratePerSecond,
      warmupMs: settings.warmupSeconds * 1000,
      measureMs: settings.rateSeconds * 1000,
      send: async () => {
        const id = randomUUID();
        const sentAtMs = performance.now();
        await producer.send({ topic, acks: -1, messages: [{ key: id, value: payloads.take() }] });
        return { id, sentAtMs, acknowledgedAtMs: performance.now() };
      },
      arrivals,
      timedTopic: topic,
      cpuGroups: async () => ({ 'load generator (this process)': [process.pid], Kafka: kafkaBrokerPids() }),
    });
  });
}
