import { Injectable } from '@nestjs/common';
import { outcomeName, timestampDate, type AssignmentSigned, type CaseAssigned, type CaseReplied, type CaseTriaged } from '@ugov/contracts';
import type { Sql } from '@ugov/persistence';
import { rankOf, type RequestState } from '../domain/request-progress';

/** The highest state reported wins (topics arrive in any order); the latest assignment names the department. */
const UPSERT_PROGRESS = `
  INSERT INTO intake.case_progress AS p (case_id, state_rank, department_code, department_name, deadline, assigned_at)
  VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (case_id) DO UPDATE SET
    state_rank = GREATEST(p.state_rank, EXCLUDED.state_rank),
    department_code = CASE WHEN EXCLUDED.assigned_at >= p.assigned_at OR p.assigned_at IS NULL THEN COALESCE(EXCLUDED.department_code, p.department_code) ELSE p.department_code END,
    department_name = CASE WHEN EXCLUDED.assigned_at >= p.assigned_at OR p.assigned_at IS NULL THEN COALESCE(EXCLUDED.department_name, p.department_name) ELSE p.department_name END,
    deadline = CASE WHEN EXCLUDED.assigned_at >= p.assigned_at OR p.assigned_at IS NULL THEN COALESCE(EXCLUDED.deadline, p.deadline) ELSE p.deadline END,
    assigned_at = GREATEST(p.assigned_at, EXCLUDED.assigned_at),
    updated_at = now()`;

/** Keeps what a requester may read of their request (GET /v1/requests/{trackingNumber}) as dispatch and processing move it. */
@Injectable()
export class RecordProgressHandler {
  async assigned(event: CaseAssigned, transaction: Sql): Promise<void> {
    const assignedAt = event.assignedAt ? timestampDate(event.assignedAt) : new Date(0);
    await transaction.query(UPSERT_PROGRESS, [
      event.caseId,
      rankOf('assigned'),
      event.departmentCode,
      event.departmentName,
      event.deadline ? timestampDate(event.deadline) : null,
      assignedAt,
    ]);
  }

  async triaged(event: CaseTriaged, transaction: Sql): Promise<void> {
    await this.reached(event.caseId, 'in-triage', transaction);
  }

  async signed(event: AssignmentSigned, transaction: Sql): Promise<void> {
    await this.reached(event.caseId, 'in-progress', transaction);
  }

  async replied(event: CaseReplied, transaction: Sql): Promise<void> {
    await this.reached(event.caseId, 'replied', transaction);
    await transaction.query(
      `INSERT INTO intake.case_replies (assignment_id, case_id, department_code, text, outcome, outcome_reason, replied_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        event.assignmentId,
        event.caseId,
        event.departmentCode,
        event.replyText,
        outcomeName(event.outcome),
        event.outcomeReason || null,
        event.repliedAt ? timestampDate(event.repliedAt) : new Date(),
      ],
    );
  }

  private async reached(caseId: string, state: RequestState, transaction: Sql): Promise<void> {
    await transaction.query(UPSERT_PROGRESS, [caseId, rankOf(state), null, null, null, null]);
  }
}
