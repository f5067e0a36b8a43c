import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The last health probe of each delivery channel: its outcome, the last success and failure, failures in a row. */
export class RecordChannelHealth1766260000000 implements MigrationInterface {
  name = 'RecordChannelHealth1766260000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE publication.channel_health (
      method text PRIMARY KEY,
      status text NOT NULL,
      detail text,
      checked_at timestamptz NOT NULL,
      last_success_at timestamptz,
      last_failure_at timestamptz,
      last_error text,
      consecutive_failures integer NOT NULL DEFAULT 0
    )`);
    await runner.query(
      `CREATE INDEX deliveries_by_method_and_status ON publication.deliveries (method, status) WHERE status <> 'delivered'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX publication.deliveries_by_method_and_status`);
    await runner.query(`DROP TABLE publication.channel_health`);
  }
}
