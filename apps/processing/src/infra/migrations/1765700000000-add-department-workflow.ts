import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The whole department workflow: start, return, extension, pauses, redo, joint handling, supervision notices. */
export class AddDepartmentWorkflow1765700000000 implements MigrationInterface {
  name = 'AddDepartmentWorkflow1765700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE processing.assignments
      DROP CONSTRAINT assignments_status_check,
      ADD CONSTRAINT assignments_status_check CHECK (status IN (
        'assigned', 'signed', 'in-progress', 'awaiting-clarification', 'in-consultation', 'replied', 'returned', 'reported', 'released')),
      ADD COLUMN original_deadline timestamptz,
      ADD COLUMN started_at timestamptz,
      ADD COLUMN returned_at timestamptz,
      ADD COLUMN return_reason text,
      ADD COLUMN handling_role text NOT NULL DEFAULT 'lead' CHECK (handling_role IN ('lead', 'co-handler')),
      ADD COLUMN lead_assignment_id uuid REFERENCES processing.assignments (id),
      ADD COLUMN co_handlers jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN extension jsonb,
      ADD COLUMN pause jsonb,
      ADD COLUMN redo_count int NOT NULL DEFAULT 0,
      ADD COLUMN notices jsonb NOT NULL DEFAULT '[]'`);
    await runner.query(`UPDATE processing.assignments SET original_deadline = deadline`);
    // New assignments get theirs from dispatch's deadline (see RecordAssignmentHandler) unless they say otherwise.
    await runner.query(`ALTER TABLE processing.assignments ALTER COLUMN original_deadline SET NOT NULL`);
    await runner.query(`DROP INDEX processing.assignments_open_by_department`);
    await runner.query(
      `CREATE INDEX assignments_open_by_department ON processing.assignments (department_code, deadline)
        WHERE status NOT IN ('replied', 'returned', 'reported', 'released')`,
    );
    await runner.query(
      `CREATE INDEX assignments_of_lead ON processing.assignments (lead_assignment_id) WHERE lead_assignment_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX processing.assignments_of_lead`);
    await runner.query(`DROP INDEX processing.assignments_open_by_department`);
    await runner.query(
      `CREATE INDEX assignments_open_by_department ON processing.assignments (department_code, deadline) WHERE status <> 'replied'`,
    );
    await runner.query(`ALTER TABLE processing.assignments
      DROP COLUMN original_deadline, DROP COLUMN started_at, DROP COLUMN returned_at, DROP COLUMN return_reason,
      DROP COLUMN handling_role, DROP COLUMN lead_assignment_id, DROP COLUMN co_handlers, DROP COLUMN extension,
      DROP COLUMN pause, DROP COLUMN redo_count, DROP COLUMN notices,
      DROP CONSTRAINT assignments_status_check,
      ADD CONSTRAINT assignments_status_check CHECK (status IN ('assigned', 'signed', 'replied'))`);
  }
}
