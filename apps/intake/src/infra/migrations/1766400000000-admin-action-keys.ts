import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Idempotency-Keys of the admin API's POSTs (register an integrator, issue, rotate, revoke a key), each admin's
 * per action, with the answer to replay. An answer that made a key is kept without its secret.
 */
export class AdminActionKeys1766400000000 implements MigrationInterface {
  name = 'AdminActionKeys1766400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE intake.admin_action_keys (
      admin text NOT NULL,
      action text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (admin, action, key)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.admin_action_keys`);
  }
}
