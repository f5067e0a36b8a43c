import type { ServiceName } from '@ugov/contracts';
import { DEFAULT_MAX_REQUEST_BYTES, type KafkaSecurity } from '@ugov/messaging';
import { readAuthConfig, type AuthConfig } from './auth/auth.config';
import { readServiceDatabaseUrl } from './database-role.config';
import { readKafkaSecurity } from './kafka-security.config';
import { DEFAULT_MAX_REQUESTS_IN_FLIGHT } from './http/http-drain';

/** Where the database and the broker are: what a service and a command-line tool both need. */
export interface InfrastructureConfig {
  readonly databaseUrl: string;
  readonly kafkaBrokers: readonly string[];
  readonly kafkaTopicPrefix: string;
  readonly topicPartitions: number;
  /** The most bytes of events one Kafka produce request carries. */
  readonly kafkaMaxRequestBytes: number;
  /** TLS and SASL to the cluster (KAFKA_SSL…, KAFKA_SASL…). */
  readonly kafkaSecurity: KafkaSecurity;
}

export interface ServiceConfig extends InfrastructureConfig {
  /** The service's own database role (see database-role.config.ts), not DATABASE_URL's administrator. */
  readonly databaseUrl: string;
  readonly service: ServiceName;
  readonly host: string;
  readonly port: number;
  readonly kafkaGroupId: string;
  /** Development credentials, the identity provider's keys and claims (see auth/auth.config.ts). */
  readonly auth: AuthConfig;
  /** HTTP requests handled at once; more are answered 503 with Retry-After. */
  readonly maxRequestsInFlight: number;
  /** Requests a minute one client address may make to the routes open to everyone (@Public); 0: no limit. */
  readonly publicRequestsPerMinute: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A reader of the public site clicks far less; a scraper or a flood from one address is held back. */
const DEFAULT_PUBLIC_REQUESTS_PER_MINUTE = 300;

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  intake: 3001,
  dispatch: 3002,
  processing: 3003,
  publication: 3004,
  supervision: 3005,
};

/** Reads and checks the environment once at start-up; every problem is named, and the process stops. */
export function loadServiceConfig(service: ServiceName, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const problems: string[] = [];
  const portVariable = `${service.toUpperCase()}_PORT`;
  const port = Number(env[portVariable] ?? env.PORT ?? DEFAULT_PORTS[service]);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`${portVariable}: must be a port number, got "${env[portVariable] ?? env.PORT}"`);

  const infrastructure = readInfrastructureConfig(env, problems);
  const databaseUrl = readServiceDatabaseUrl(service, infrastructure.databaseUrl, env, problems);

  const maxRequestsInFlight = Number(env.HTTP_MAX_IN_FLIGHT ?? DEFAULT_MAX_REQUESTS_IN_FLIGHT);
  if (!Number.isInteger(maxRequestsInFlight) || maxRequestsInFlight < 1)
    problems.push(`HTTP_MAX_IN_FLIGHT: must be a positive integer, got "${env.HTTP_MAX_IN_FLIGHT}"`);

  const publicRequestsPerMinute = Number(env.PUBLIC_RATE_LIMIT_PER_MINUTE ?? DEFAULT_PUBLIC_REQUESTS_PER_MINUTE);
  if (!Number.isInteger(publicRequestsPerMinute) || publicRequestsPerMinute < 0)
    problems.push(`PUBLIC_RATE_LIMIT_PER_MINUTE: must be a whole number, 0 for no limit, got "${env.PUBLIC_RATE_LIMIT_PER_MINUTE}"`);

  const auth = readAuthConfig(env, problems);

  if (problems.length > 0) throw new ConfigError(`invalid configuration of ${service}:\n  ${problems.join('\n  ')}`);
  return {
    ...infrastructure,
    databaseUrl,
    service,
    host: env.HOST ?? '127.0.0.1',
    port,
    kafkaGroupId: env.KAFKA_GROUP_ID ?? `${infrastructure.kafkaTopicPrefix}ugov.${service}`,
    auth,
    maxRequestsInFlight,
    publicRequestsPerMinute,
  };
}

/** The database and broker settings alone, for a command-line tool; a wrong one stops it with a message that names it. */
export function loadInfrastructureConfig(env: NodeJS.ProcessEnv = process.env): InfrastructureConfig {
  const problems: string[] = [];
  const infrastructure = readInfrastructureConfig(env, problems);
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return infrastructure;
}

function readInfrastructureConfig(env: NodeJS.ProcessEnv, problems: string[]): InfrastructureConfig {
  const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ugov';
  if (!/^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(databaseUrl))
    problems.push(`DATABASE_URL: must look like postgres://user@host:port/database, got "${databaseUrl}"`);

  const kafkaBrokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (kafkaBrokers.length === 0 || kafkaBrokers.some((broker) => !/^[\w.-]+:\d+$/.test(broker))) {
    problems.push(`KAFKA_BROKERS: must be a comma-separated list of host:port, got "${env.KAFKA_BROKERS}"`);
  }

  const kafkaTopicPrefix = env.KAFKA_TOPIC_PREFIX ?? '';
  if (!/^[\w.-]*$/.test(kafkaTopicPrefix))
    problems.push(`KAFKA_TOPIC_PREFIX: only letters, digits, '.', '_' and '-', got "${kafkaTopicPrefix}"`);

  const topicPartitions = Number(env.KAFKA_TOPIC_PARTITIONS ?? 6);
  if (!Number.isInteger(topicPartitions) || topicPartitions < 1)
    problems.push(`KAFKA_TOPIC_PARTITIONS: must be a positive integer, got "${env.KAFKA_TOPIC_PARTITIONS}"`);

  const kafkaMaxRequestBytes = Number(env.KAFKA_MAX_REQUEST_BYTES ?? DEFAULT_MAX_REQUEST_BYTES);
  if (!Number.isInteger(kafkaMaxRequestBytes) || kafkaMaxRequestBytes < 1024)
    problems.push(`KAFKA_MAX_REQUEST_BYTES: must be an integer of at least 1024, got "${env.KAFKA_MAX_REQUEST_BYTES}"`);

  const kafkaSecurity = readKafkaSecurity(env, problems);

  return { databaseUrl, kafkaBrokers, kafkaTopicPrefix, topicPartitions, kafkaMaxRequestBytes, kafkaSecurity };
}
