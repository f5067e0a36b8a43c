import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type MixedList } from 'typeorm';
import { eventParkedOf, timestampFromDate, type ServiceName } from '@ugov/contracts';
import { encodeEvent, InboxConsumer, KafkaMessageBus, MessageBus, OutboxRelay, OutboxWriter } from '@ugov/messaging';
import { migrateServiceDatabase, serviceDataSourceOptions } from '@ugov/persistence';
import { AccessGuard, INTEGRATOR_KEYS, type CredentialAuthenticator } from './auth/access.guard';
import { StaffTokenVerifier } from './auth/staff-tokens';
import { loadServiceConfig, type ServiceConfig } from './config';
import { HealthController } from './health.controller';
import { HttpDrain } from './http/http-drain';
import { ProblemDetailsFilter } from './http/problem';
import { MessagingLifecycle } from './messaging.lifecycle';
import { SERVICE_CONFIG } from './tokens';

export interface PlatformOptions {
  readonly service: ServiceName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function>;
  /**
   * How long the consumer waits after a small fetch before the next one (see InboxConsumerSettings.lingerMs).
   * A service on the path a case takes to its department keeps it short; one that only watches can wait longer
   * and take many more events per transaction.
   */
  readonly consumerLingerMs?: number;
  /** The service's own integrator keys (intake only: integrators call nobody else). */
  readonly integratorKeys?: Type<CredentialAuthenticator>;
}

/**
 * What every ugov service has: validated config, its own schema migrated on start-up, the message bus,
 * outbox writer and relay, the inbox consumer, authentication and the routes' declared access (closed by default), problem+json errors,
 * /health and /metrics.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const schema = options.service;
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => serviceDataSourceOptions({ url: loadServiceConfig(options.service).databaseUrl, schema, ...options }),
          dataSourceFactory: async (dataSourceOptions) => {
            const dataSource = await new DataSource(dataSourceOptions!).initialize();
            await migrateServiceDatabase(dataSource, schema);
            return dataSource;
          },
        }),
        TypeOrmModule.forFeature(options.entities as never[]),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_CONFIG, useFactory: () => loadServiceConfig(options.service) },
        {
          provide: MessageBus,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) =>
            new KafkaMessageBus({
              brokers: config.kafkaBrokers,
              clientId: `ugov-${config.service}`,
              topicPrefix: config.kafkaTopicPrefix,
              topicPartitions: config.topicPartitions,
              maxRequestBytes: config.kafkaMaxRequestBytes,
              security: config.kafkaSecurity,
            }),
        },
        { provide: OutboxWriter, useValue: new OutboxWriter(schema) },
        {
          provide: OutboxRelay,
          inject: [DataSource, MessageBus, OutboxWriter, SERVICE_CONFIG],
          useFactory: (dataSource: DataSource, bus: MessageBus, outbox: OutboxWriter, config: ServiceConfig) =>
            new OutboxRelay(dataSource, bus, {
              schema,
              databaseUrl: config.databaseUrl,
              // Oversight hears of a parked event through a small notice that travels in its case's order.
              onParked: (transaction, parked) =>
                outbox.appendAll(
                  transaction,
                  parked.map((event) =>
                    encodeEvent(eventParkedOf(options.service), event.key, {
                      eventId: event.eventId,
                      topic: event.topic,
                      messageKey: event.key,
                      sizeBytes: event.sizeBytes,
                      reason: event.reason,
                      parkedAt: timestampFromDate(new Date()),
                      service: options.service,
                    }),
                  ),
                ),
            }),
        },
        {
          provide: InboxConsumer,
          inject: [DataSource, MessageBus, SERVICE_CONFIG],
          useFactory: (dataSource: DataSource, bus: MessageBus, config: ServiceConfig) =>
            new InboxConsumer(dataSource, bus, { schema, groupId: config.kafkaGroupId, lingerMs: options.consumerLingerMs }),
        },
        { provide: HttpDrain, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => new HttpDrain(config.maxRequestsInFlight) },
        MessagingLifecycle,
        {
          provide: StaffTokenVerifier,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => new StaffTokenVerifier(config.auth.staffTokens),
        },
        ...(options.integratorKeys ? [{ provide: INTEGRATOR_KEYS, useClass: options.integratorKeys }] : []),
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [
        SERVICE_CONFIG,
        MessageBus,
        OutboxWriter,
        InboxConsumer,
        TypeOrmModule,
        ...(options.integratorKeys ? [INTEGRATOR_KEYS] : []),
      ],
    };
  }
}
