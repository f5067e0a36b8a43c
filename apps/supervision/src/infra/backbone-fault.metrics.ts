import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { metricsRegistry } from '@ugov/observability';
import { DeadLetterRepository } from './dead-letter.repository';
import { ParkedEventRepository } from './parked-event.repository';

type Labels<Name extends string> = Record<Name, string>;

/**
 * The dead letters and parked events supervision has recorded, on its /metrics: read from the database at each
 * scrape, so they are totals (not counts since this process started) and every replica reports the same.
 */
@Injectable()
export class BackboneFaultMetrics implements OnModuleInit {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly deadLetters: DeadLetterRepository,
    private readonly parkedEvents: ParkedEventRepository,
  ) {}

  onModuleInit(): void {
    this.gauge(
      'ugov_dead_letters',
      'Messages on dead-letter topics, by original topic and the consumer group that gave up on them',
      ['topic', 'consumer_group'],
      async () =>
        (await this.deadLetters.countByTopicAndGroup()).map((count) => ({
          labels: { topic: count.originalTopic, consumer_group: count.consumerGroup ?? 'unknown' },
          value: count.count,
        })),
    );
    this.gauge(
      'ugov_parked_events',
      'Events the outbox relays could never publish and parked, by service and topic',
      ['service', 'topic'],
      async () =>
        (await this.parkedEvents.countByServiceAndTopic()).map((count) => ({
          labels: { service: count.service, topic: count.topic },
          value: count.count,
        })),
    );
  }

  private gauge<Name extends string>(
    name: string,
    help: string,
    labelNames: Name[],
    read: () => Promise<{ labels: Labels<Name>; value: number }[]>,
  ): void {
    const logger = this.logger;
    // A second instance of the module in one process (a test) replaces the gauge rather than failing to register it.
    metricsRegistry.removeSingleMetric(name);
    new Gauge<Name>({
      name,
      help,
      labelNames,
      registers: [metricsRegistry],
      async collect() {
        try {
          const values = await read();
          this.reset();
          for (const { labels, value } of values) this.set(labels, value);
        } catch (error) {
          // With the database down, /metrics still answers: the gauge keeps its last values.
          logger.warn(`cannot read ${name} from the database: ${(error as Error).message}`);
        }
      },
    });
  }
}
