import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InboxConsumer, MessageBus, OutboxRelay } from '@ugov/messaging';
import { HttpDrain } from './http/http-drain';

/**
 * Starts the relay and the consumer once every handler is registered. On shutdown: turns new HTTP requests
 * away and waits for those in flight, stops consuming and lets in-flight handlers finish, flushes the relay
 * (so every event committed before the stop goes out now), and only then lets TypeORM close the database.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly relay: OutboxRelay,
    private readonly consumer: InboxConsumer,
    private readonly bus: MessageBus,
    private readonly http: HttpDrain,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
    this.consumer.start();
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`${signal ?? 'shutdown'}: refusing new requests and letting those in flight finish`);
    await this.http.close();
    this.logger.log('stopping the consumer and letting in-flight handlers finish');
    await this.consumer.stop();
    await this.relay.stop();
    this.logger.log('outbox flushed; closing Kafka clients and the database');
    await this.bus.close();
  }
}
