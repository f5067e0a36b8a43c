import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@ugov/messaging';
import { insertRows } from '@ugov/persistence';
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

const insertDeliveries = insertRows<{ assignment: AssignmentEntity; payload: WebhookPayload }>('processing.webhook_deliveries', [
  { name: 'id', type: 'uuid', value: ({ payload }) => payload.deliveryId },
  { name: 'department_code', type: 'text', value: ({ assignment }) => assignment.departmentCode },
  { name: 'assignment_id', type: 'uuid', value: ({ assignment }) => assignment.id },
  { name: 'event', type: 'text', value: ({ payload }) => payload.event },
  { name: 'payload', type: 'jsonb', value: ({ payload }) => payload },
]);

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
    await insertDeliveries.run(
      transaction,
      announced.map((assignment) => ({
        assignment,
        payload: { deliveryId: randomUUID(), event, assignment: AssignmentResponseDto.of(assignment) },
      })),
    );
  }
}
