import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssignmentTransitions } from '../infra/assignment-transitions';

const EVERY_MS = 10_000;
const BATCH = 100;

/**
 * Ends the waits for a requester's clarification that ran out, so that the clock runs again (and supervision
 * hears of it) even when the department does nothing. A command that finds such a wait ends it first anyway.
 */
@Injectable()
export class ResumeExpiredClarifications implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ResumeExpiredClarifications.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: AssignmentTransitions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.resumeExpired()
        .catch((error: Error) => this.logger.warn(`ending expired clarification waits failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, EVERY_MS);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async resumeExpired(): Promise<void> {
    const expired: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM processing.assignments
        WHERE status = 'awaiting-clarification' AND (pause ->> 'until')::timestamptz <= now() LIMIT $1`,
      [BATCH],
    );
    // The transition runner ends the wait it finds expired, as the first thing it does; nothing else changes.
    for (const { id } of expired) await this.transitions.run(id, null, (assignment) => ({ changed: [assignment], events: [] }));
  }
}
