import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a requester may read with the tracking number and verification code: the code's keyed hash (never the code),
 * and the progress intake hears of from dispatch and processing (state rank, department, deadline, replies).
 * Cases from before have no code, so no requester credential reaches them.
 */
export class RequesterTracking1765050000001 implements MigrationInterface {
  name = 'RequesterTracking1765050000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases ADD COLUMN verification_code_hash text`);
    await runner.query(`CREATE TABLE intake.case_progress (
      case_id uuid PRIMARY KEY,
      state_rank smallint NOT NULL,
      department_code text,
      department_name text,
      deadline timestamptz,
      assigned_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE TABLE intake.case_replies (
      assignment_id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      department_code text NOT NULL,
      text text NOT NULL,
      outcome text NOT NULL,
      outcome_reason text,
      replied_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE INDEX case_replies_case ON intake.case_replies (case_id, replied_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.case_replies`);
    await runner.query(`DROP TABLE intake.case_progress`);
    await runner.query(`ALTER TABLE intake.cases DROP COLUMN verification_code_hash`);
  }
}
