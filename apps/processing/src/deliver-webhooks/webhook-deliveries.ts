import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@ugov/messaging';
import type { AssignmentEntity } from '../infra/assignment.entity';
import { DepartmentIntegrationConfig } from '../infra/department-integration.config';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';

/**
 * What happened to the assignment: new work, or the requester's doing (withdrawn 撤回, supplemented 补充) and the
 * redo (重办) it caused.
 */
export type WebhookEvent = 'assignment.assigned' | 'assignment.withdrawn' | 'assignment.supplemented' | 'assignment.redo-ordered';

/** What a department's endpoint receives (JSON): the delivery's id, what happened, and the assignment as it stands. */
export interface WebhookPayload {
  readonly deliveryId: string;
  readonly event: WebhookEvent;
  readonly assignment: AssignmentResponseDto;
}

/**
 * Queues a webhook for each new assignment of a department that takes webhooks, in the transaction that records the
 * assignment: the work and its announcement commit together, and WebhookSender sends it after the commit.
 */
@Injectable()
export class WebhookDeliveries {
  constructor(private readonly config: DepartmentIntegrationConfig) {}

  /** Whether the department takes webhooks (only then is an assignment worth building for it). */
  announces(departmentCode: string): boolean {
    return this.config.webhooks.has(departmentCode);
  }

  enqueueNewWork(transaction: SqlExecutor, assignments: readonly AssignmentEntity[]): Promise<void> {
    return this.enqueue(transaction, assignments, 'assignment.assigned');
  }

  /** The assignments as they now stand, with what changed them, to the departments that take webhooks. */
  async enqueue(transaction: SqlExecutor, assignments: readonly AssignmentEntity[], event: WebhookEvent): Promise<void> {
    const announced = assignments.filter((assignment) => this.announces(assignment.departmentCode));
    if (announced.length === 0) return;
    const payloads: WebhookPayload[] = announced.map((assignment) => ({
      deliveryId: randomUUID(),
      event,
      assignment: AssignmentResponseDto.of(assignment),
    }));
    await transaction.query(
      `INSERT INTO processing.webhook_deliveries (id, department_code, assignment_id, event, payload)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::jsonb[])`,
      [
        payloads.map((payload) => payload.deliveryId),
        announced.map((assignment) => assignment.departmentCode),
        announced.map((assignment) => assignment.id),
        payloads.map((payload) => payload.event),
        payloads.map((payload) => JSON.stringify(payload)),
      ],
    );
  }
}
