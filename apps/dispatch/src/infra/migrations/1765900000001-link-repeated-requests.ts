import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Repeated requests (并单): the requester's opaque key, the open case a repeat was linked to, and when a case closed.
 * The link is checked at commit: a repeat may join a case submitted in the same batch, whose file is written after it.
 */
export class LinkRepeatedRequests1765900000001 implements MigrationInterface {
  name = 'LinkRepeatedRequests1765900000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dispatch.case_files
      ADD COLUMN requester_key text,
      ADD COLUMN merged_into uuid REFERENCES dispatch.case_files (case_id) DEFERRABLE INITIALLY DEFERRED,
      ADD COLUMN similarity double precision,
      ADD COLUMN closed_at timestamptz`);
    await runner.query(`CREATE INDEX open_cases_by_requester ON dispatch.case_files (requester_key, accepted_at)
      WHERE merged_into IS NULL AND closed_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX dispatch.open_cases_by_requester`);
    await runner.query(
      `ALTER TABLE dispatch.case_files DROP COLUMN requester_key, DROP COLUMN merged_into, DROP COLUMN similarity, DROP COLUMN closed_at`,
    );
  }
}
