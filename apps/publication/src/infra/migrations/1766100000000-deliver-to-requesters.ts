import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries go out for real: the requester's sealed contact (kept until its retention ends), and each delivery's
 * method, attempts, lease, receipt and last error. Rows written before this were recorded as delivered already.
 */
export class DeliverToRequesters1766100000000 implements MigrationInterface {
  name = 'DeliverToRequesters1766100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE publication.requester_contacts (
      case_id uuid PRIMARY KEY,
      sealed_contact text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE INDEX requester_contacts_by_expiry ON publication.requester_contacts (expires_at)`);
    await runner.query(`ALTER TABLE publication.deliveries
      ADD COLUMN method text NOT NULL DEFAULT 'none',
      ADD COLUMN language text NOT NULL DEFAULT 'zh-Hans',
      ADD COLUMN subject text NOT NULL DEFAULT '',
      ADD COLUMN attempts integer NOT NULL DEFAULT 0,
      ADD COLUMN next_attempt_at timestamptz,
      ADD COLUMN lease_until timestamptz,
      ADD COLUMN receipt text,
      ADD COLUMN last_error text,
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN trace_context jsonb,
      ALTER COLUMN delivered_at DROP NOT NULL`);
    await runner.query(`UPDATE publication.deliveries SET created_at = delivered_at`);
    await runner.query(`CREATE INDEX deliveries_due ON publication.deliveries (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX publication.deliveries_due`);
    await runner.query(`DELETE FROM publication.deliveries WHERE delivered_at IS NULL`);
    await runner.query(`ALTER TABLE publication.deliveries
      DROP COLUMN method, DROP COLUMN language, DROP COLUMN subject, DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN lease_until,
      DROP COLUMN receipt, DROP COLUMN last_error, DROP COLUMN created_at, DROP COLUMN trace_context, ALTER COLUMN delivered_at SET NOT NULL`);
    await runner.query(`DROP TABLE publication.requester_contacts`);
  }
}
