import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { testBrokers } from '@ugov/testing';

export function benchKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: testBrokers(), logLevel: logLevel.ERROR });
}

/** A topic prefix no other run uses, so runs can share the broker. */
export function uniqueTopicPrefix(): string {
  return `bench-${randomBytes(4).toString('hex')}.`;
}
