import { Injectable } from '@nestjs/common';
import { outcomeName, timestampDate, type AssignmentSigned, type CaseAssigned, type CaseReplied, type CaseTriaged } from '@ugov/contracts';
import type { Sql } from '@ugov/persistence';
import { mergedReports, rankOf, type ProgressReport } from '../domain/request-progress';

/**
 * The highest state reported wins (topics arrive in any order, and a row may already hold a later one); the latest
 * assignment names the department and deadline. One statement for all the reports of a fetch.
 */
const UPSERT_PROGRESS = `
  INSERT INTO intake.case_progress AS p (case_id, state_rank, department_code, department_name, deadline, assigned_at)
  SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])
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
  async assigned(events: readonly CaseAssigned[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) => ({
        caseId: event.caseId,
        state: 'assigned',
        assignment: {
          departmentCode: event.departmentCode,
          departmentName: event.departmentName,
          deadline: event.deadline ? timestampDate(event.deadline) : null,
          assignedAt: event.assignedAt ? timestampDate(event.assignedAt) : new Date(0),
        },
      })),
      transaction,
    );
  }

  async triaged(events: readonly CaseTriaged[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) => ({ caseId: event.caseId, state: 'in-triage' })),
      transaction,
    );
  }

  async signed(events: readonly AssignmentSigned[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) => ({ caseId: event.caseId, state: 'in-progress' })),
      transaction,
    );
  }

  private async record(reports: readonly ProgressReport[], transaction: Sql): Promise<void> {
    const merged = mergedReports(reports);
    if (merged.length === 0) return;
    const column = <T>(pick: (report: ProgressReport) => T) => merged.map(pick);
    await transaction.query(UPSERT_PROGRESS, [
      column((report) => report.caseId),
      column((report) => rankOf(report.state)),
      column((report) => report.assignment?.departmentCode ?? null),
      column((report) => report.assignment?.departmentName ?? null),
      column((report) => report.assignment?.deadline ?? null),
      column((report) => report.assignment?.assignedAt ?? null),
    ]);
  }

  async replied(replies: readonly CaseReplied[], transaction: Sql): Promise<void> {
    await this.record(
      replies.map((reply) => ({ caseId: reply.caseId, state: 'replied' })),
      transaction,
    );
    const column = <T>(pick: (reply: CaseReplied) => T) => replies.map(pick);
    await transaction.query(
      `INSERT INTO intake.case_replies (assignment_id, case_id, department_code, text, outcome, outcome_reason, replied_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [
        column((reply) => reply.assignmentId),
        column((reply) => reply.caseId),
        column((reply) => reply.departmentCode),
        column((reply) => reply.replyText),
        column((reply) => outcomeName(reply.outcome)),
        column((reply) => reply.outcomeReason || null),
        column((reply) => (reply.repliedAt ? timestampDate(reply.repliedAt) : new Date())),
      ],
    );
  }
}
