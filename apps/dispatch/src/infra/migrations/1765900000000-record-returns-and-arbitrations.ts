import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What dispatch needs to send a returned case (退单) elsewhere: the case as it was submitted, which assignments
 * were returned and why, how often the case was returned, and the disputes a dispatcher decides (派单争议审核).
 */
export class RecordReturnsAndArbitrations1765900000000 implements MigrationInterface {
  name = 'RecordReturnsAndArbitrations1765900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE dispatch.case_files (
      case_id uuid PRIMARY KEY,
      tracking_number text NOT NULL,
      case_type integer NOT NULL,
      channel integer NOT NULL,
      description text NOT NULL,
      accepted_at timestamptz NOT NULL
    )`);
    await runner.query(`ALTER TABLE dispatch.assignments
      ADD COLUMN returned_at timestamptz,
      ADD COLUMN return_reason text,
      ADD COLUMN arbitrated boolean NOT NULL DEFAULT false`);
    await runner.query(`ALTER TABLE dispatch.decisions ADD COLUMN returns integer NOT NULL DEFAULT 0`);
    await runner.query(`CREATE TABLE dispatch.arbitrations (
      case_id uuid PRIMARY KEY REFERENCES dispatch.decisions (case_id),
      opened_at timestamptz NOT NULL,
      reason text NOT NULL,
      returns integer NOT NULL,
      returned_by text[] NOT NULL,
      decided_at timestamptz,
      department_code text,
      decision_reason text,
      decided_by text,
      assignment_id uuid,
      CHECK ((decided_at IS NULL) = (department_code IS NULL))
    )`);
    await runner.query(`CREATE INDEX open_arbitrations ON dispatch.arbitrations (opened_at) WHERE decided_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE dispatch.arbitrations`);
    await runner.query(`ALTER TABLE dispatch.decisions DROP COLUMN returns`);
    await runner.query(`ALTER TABLE dispatch.assignments DROP COLUMN returned_at, DROP COLUMN return_reason, DROP COLUMN arbitrated`);
    await runner.query(`DROP TABLE dispatch.case_files`);
  }
}
