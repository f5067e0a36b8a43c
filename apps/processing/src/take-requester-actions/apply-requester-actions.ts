import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { loadWorkingCalendar } from '@ugov/calendar';
import { Events } from '@ugov/contracts';
import { DomainError } from '@ugov/domain';
import { ConfigError, PollLoop } from '@ugov/platform';
import { WebhookDeliveries, type WebhookEvent } from '../deliver-webhooks/webhook-deliveries';
import { addSupplement, withdrawAssignment, type AssignmentStatus } from '../domain/assignment-workflow';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { AssignmentTransitions } from '../infra/assignment-transitions';
import { OrderRedoHandler } from '../order-redo/order-redo.handler';
import type { RequesterAction } from './requester-actions';

const EVERY_MS = 200;
const BATCH = 100;

/** Assignments that can still take the requester's doing (an ended one is left alone). */
const WITHDRAWABLE: readonly AssignmentStatus[] = ['assigned', 'signed', 'in-progress', 'awaiting-clarification', 'in-consultation'];
const SUPPLEMENTABLE: readonly AssignmentStatus[] = [...WITHDRAWABLE, 'replied'];

/** `PROCESSING_REDO_WORKING_DAYS` (default 5): the limit of a redo the requester caused, in working days. */
export function redoWorkingDaysOf(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.PROCESSING_REDO_WORKING_DAYS ?? 5);
  if (!Number.isInteger(value) || value < 1 || value > 60) {
    throw new ConfigError(
      `PROCESSING_REDO_WORKING_DAYS: must be a whole number of working days from 1 to 60, got "${env.PROCESSING_REDO_WORKING_DAYS}"`,
    );
  }
  return value;
}

/**
 * Applies the queued requester actions, oldest first, each in one transaction with its removal from the queue:
 * a withdrawal (撤回) ends every open assignment of the case as withdrawn; a supplement (补充) goes on every assignment
 * still handled or replied; a redo request (重办) or a bad first rating orders a redo of the replied assignment
 * named, with a deadline PROCESSING_REDO_WORKING_DAYS working days away. The departments see each change on their
 * stream and webhook. What the workflow refuses (the department replied first, say) is logged and dropped.
 */
@Injectable()
export class ApplyRequesterActions implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ApplyRequesterActions.name);
  private readonly calendar = loadWorkingCalendar((message) => this.logger.warn(message));
  private readonly redoWorkingDays = redoWorkingDaysOf();
  private readonly loop = new PollLoop(
    EVERY_MS,
    () => this.applyQueued(),
    (error) => this.logger.warn(`applying the requester's actions failed: ${error.message}`),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: AssignmentTransitions,
    private readonly redo: OrderRedoHandler,
    private readonly webhooks: WebhookDeliveries,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  private async applyQueued(): Promise<void> {
    const queued: { event_id: string }[] = await this.dataSource.query(
      `SELECT event_id FROM processing.requester_actions ORDER BY received_at LIMIT $1`,
      [BATCH],
    );
    for (const { event_id: eventId } of queued) {
      // One that fails (the database, say) stays queued for the next round; the others go on.
      await this.dataSource
        .transaction(async (transaction) => {
          // Taken off the queue by whoever deletes it first; another instance finds nothing. TypeORM answers a DELETE
          // with [rows, count].
          const [[taken]]: [{ case_id: string; action: RequesterAction }[], number] = await transaction.query(
            `DELETE FROM processing.requester_actions WHERE event_id = $1 RETURNING case_id, action`,
            [eventId],
          );
          if (taken) await this.apply(taken.case_id, taken.action, transaction);
        })
        .catch((error: Error) => this.logger.warn(`the requester's action ${eventId} failed; it stays queued: ${error.message}`));
    }
  }

  private async apply(caseId: string, action: RequesterAction, transaction: EntityManager): Promise<void> {
    const options = { within: transaction, actor: action.actor };
    if (action.kind === 'redo') {
      const deadline = this.calendar.dueAt(new Date(), this.redoWorkingDays);
      await this.refusedOrDone(caseId, action.assignmentId, 'assignment.redo-ordered', transaction, () =>
        this.redo.order(action.assignmentId, null, { reason: action.reason, deadline }, options),
      );
      return;
    }
    const statuses = action.kind === 'withdraw' ? WITHDRAWABLE : SUPPLEMENTABLE;
    const assignments: { id: string }[] = await transaction.query(
      `SELECT id FROM processing.assignments WHERE case_id = $1 AND status = ANY($2::text[]) ORDER BY assigned_at`,
      [caseId, statuses],
    );
    for (const { id } of assignments) {
      if (action.kind === 'withdraw') {
        await this.refusedOrDone(caseId, id, 'assignment.withdrawn', transaction, () =>
          this.transitions.run(
            id,
            null,
            (assignment) => ({ changed: [withdrawAssignment(assignment, action.reason)], events: [], change: Events.caseWithdrawn.type }),
            options,
          ),
        );
      } else {
        const supplement = { id: action.supplementId, text: action.text, attachmentUrls: action.attachmentUrls, at: new Date(action.at) };
        await this.refusedOrDone(caseId, id, 'assignment.supplemented', transaction, () =>
          this.transitions.run(
            id,
            null,
            (assignment) => ({ changed: [addSupplement(assignment, supplement)], events: [], change: Events.caseSupplemented.type }),
            options,
          ),
        );
      }
    }
  }

  /** Runs one transition (a savepoint of the transaction); a refusal of the workflow is logged, not retried. */
  private async refusedOrDone(
    caseId: string,
    assignmentId: string,
    webhook: WebhookEvent,
    transaction: EntityManager,
    transition: () => Promise<AssignmentEntity>,
  ): Promise<void> {
    try {
      const changed = await transition();
      await this.webhooks.enqueue(transaction, [changed], webhook);
      this.logger.log(`requester of case ${caseId}: ${webhook} on assignment ${assignmentId}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(`requester of case ${caseId}: ${webhook} refused on assignment ${assignmentId}: ${error.code} (${error.message})`);
    }
  }
}
