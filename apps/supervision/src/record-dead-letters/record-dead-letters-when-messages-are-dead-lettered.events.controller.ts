import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { allEventParkedNotices, allEvents, allReferenceEvents, deadLetterTopic } from '@ugov/contracts';
import { MessageBus, type Subscription } from '@ugov/messaging';
import { SERVICE_CONFIG, type ServiceConfig } from '@ugov/platform';
import { DeadLetterRepository } from '../infra/dead-letter.repository';

/**
 * Supervision reads the dead-letter topic of every topic in the registry and records each message on it. It reads
 * them raw, not through the inbox: a dead letter may be undecodable, so it is known by its position, not its id.
 */
@Injectable()
export class RecordDeadLettersWhenMessagesAreDeadLettered implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription: Subscription | undefined;

  constructor(
    private readonly bus: MessageBus,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly deadLetters: DeadLetterRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.bus.subscribe({
      groupId: `${this.config.kafkaGroupId}.dead-letters`,
      topics: [...allEvents, ...allReferenceEvents, ...allEventParkedNotices].map((definition) => deadLetterTopic(definition.topic)),
      // A failure (the database, say) rejects the batch, and the broker hands it over again.
      handle: (messages) => this.deadLetters.record(messages),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    // The bus stops it too when it closes; whichever comes first, the database is still open.
    await this.subscription?.stop().catch(() => undefined);
    this.subscription = undefined;
  }
}
