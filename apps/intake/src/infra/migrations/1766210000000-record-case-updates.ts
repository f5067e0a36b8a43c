import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every workflow event intake hears of a case, one row each (the requester's status and Open311's updates read
 * them), and on case_progress the progress they make (folded in event time) with whether the request is answered.
 */
export class RecordCaseUpdates1766210000000 implements MigrationInterface {
  name = 'RecordCaseUpdates1766210000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE intake.case_updates (
      update_id text PRIMARY KEY,
      case_id uuid NOT NULL,
      kind text NOT NULL,
      assignment_id text,
      occurred_at timestamptz NOT NULL,
      details jsonb NOT NULL
    )`);
    await runner.query(`CREATE INDEX case_updates_case ON intake.case_updates (case_id, occurred_at)`);
    await runner.query(`CREATE INDEX case_updates_time ON intake.case_updates (occurred_at)`);
    await runner.query(`ALTER TABLE intake.case_progress ADD COLUMN progress jsonb, ADD COLUMN closed boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.case_progress DROP COLUMN progress, DROP COLUMN closed`);
    await runner.query(`DROP TABLE intake.case_updates`);
  }
}
