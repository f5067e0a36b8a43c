import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the requester does after submitting (intake's self-service events): the withdrawn status, supplements (补充)
 * and the reason of a withdrawal (撤回) on the assignments, and the queue of those events not yet applied to the assignments.
 */
export class RequesterActions1766200000001 implements MigrationInterface {
  name = 'RequesterActions1766200000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE processing.assignments
      DROP CONSTRAINT assignments_status_check,
      ADD CONSTRAINT assignments_status_check CHECK (status IN (
        'assigned', 'signed', 'in-progress', 'awaiting-clarification', 'in-consultation', 'replied', 'returned', 'reported', 'released',
        'withdrawn')),
      ADD COLUMN supplements jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN withdrawal_reason text`);
    await runner.query(`CREATE TABLE processing.requester_actions (
      event_id text PRIMARY KEY,
      case_id uuid NOT NULL,
      kind text NOT NULL,
      action jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await runner.query(`CREATE INDEX requester_actions_received ON processing.requester_actions (received_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE processing.requester_actions`);
    await runner.query(`ALTER TABLE processing.assignments
      DROP CONSTRAINT assignments_status_check,
      ADD CONSTRAINT assignments_status_check CHECK (status IN (
        'assigned', 'signed', 'in-progress', 'awaiting-clarification', 'in-consultation', 'replied', 'returned', 'reported', 'released')),
      DROP COLUMN withdrawal_reason,
      DROP COLUMN supplements`);
  }
}
